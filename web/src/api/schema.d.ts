// Generated from the server's schema by scripts/gen-types.mjs; do not edit by hand.
export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Health */
        get: operations["health_health_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/detailed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Health Detailed */
        get: operations["health_detailed_health_detailed_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Jobs */
        get: operations["list_jobs_api_v1_jobs_get"];
        put?: never;
        /** Create */
        post: operations["create_api_v1_jobs_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/{job_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Job */
        get: operations["get_job_api_v1_jobs__job_id__get"];
        put?: never;
        post?: never;
        /**
         * Erase Job
         * @description Erases a finished job: its events, artifacts, webhook messages and conversation record.
         */
        delete: operations["erase_job_api_v1_jobs__job_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/{job_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel */
        post: operations["cancel_api_v1_jobs__job_id__cancel_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/{job_id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Events */
        get: operations["events_api_v1_jobs__job_id__events_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/{job_id}/qr": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Qr */
        get: operations["qr_api_v1_jobs__job_id__qr_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events/schema": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Schema
         * @description JSON Schema of every event (WebSocket, polling and webhooks), discriminated by `type`.
         */
        get: operations["schema_api_v1_events_schema_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/booking/locations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Booking Locations
         * @description Test centres and the other choices the booking form offers, in the site's own names.
         */
        get: operations["booking_locations_api_v1_booking_locations_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/booking/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start */
        post: operations["start_api_v1_booking_start_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/booking/status/{job_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Status */
        get: operations["status_api_v1_booking_status__job_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/booking/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Bookings */
        get: operations["list_bookings_api_v1_booking_status_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/booking/{job_id}/qr": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Qr */
        get: operations["qr_api_v1_booking__job_id__qr_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/booking/stop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Stop */
        post: operations["stop_api_v1_booking_stop_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/booking/rebook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rebook
         * @description Watch for a slot earlier than the person's booked test and move the test to it.
         */
        post: operations["rebook_api_v1_booking_rebook_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/booking/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel
         * @description Cancel a booked test. `confirm` must be true; a late cancellation is reported first.
         */
        post: operations["cancel_api_v1_booking_cancel_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/{job_id}/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Live Link
         * @description A one-time URL (no API key inside) to watch the job's browser, or to drive it.
         */
        post: operations["live_link_api_v1_jobs__job_id__live_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/{job_id}/takeover": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Takeover
         * @description Pauses the job at its next safe point for a person; returns an interactive live URL.
         */
        post: operations["takeover_api_v1_jobs__job_id__takeover_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/{job_id}/handback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Handback
         * @description Ends a takeover: the job reads the page again and carries on.
         */
        post: operations["handback_api_v1_jobs__job_id__handback_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/{job_id}/artifacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Artifacts
         * @description Screenshots at each step, the page at failure, and Playwright traces of the job.
         */
        get: operations["artifacts_api_v1_jobs__job_id__artifacts_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/{job_id}/artifacts/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Artifact */
        get: operations["artifact_api_v1_jobs__job_id__artifacts__name__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/execute": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Execute
         * @description Fills a form from one message; pass `session_id` back to continue the same form.
         */
        post: operations["execute_api_execute_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Live
         * @description A live view URL of the caller's job (or conversation) whose browser is at work, or null.
         *
         *     With `job_id`, that job; with `session_id`, that conversation's current turn; otherwise the
         *     caller's newest running job.
         */
        get: operations["live_api_live_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/forms/sessions/{session_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Form Session
         * @description A conversation's form state and every turn taken: the audit trail.
         */
        get: operations["form_session_api_forms_sessions__session_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Api Health
         * @description Public liveness in the seed's shape.
         */
        get: operations["api_health_api_health_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Endpoints */
        get: operations["list_endpoints_api_v1_webhooks_endpoints_get"];
        put?: never;
        /** Create Endpoint */
        post: operations["create_endpoint_api_v1_webhooks_endpoints_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/endpoints/{endpoint_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Endpoint */
        get: operations["get_endpoint_api_v1_webhooks_endpoints__endpoint_id__get"];
        put?: never;
        post?: never;
        /** Delete Endpoint */
        delete: operations["delete_endpoint_api_v1_webhooks_endpoints__endpoint_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/endpoints/{endpoint_id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rotate Secret */
        post: operations["rotate_secret_api_v1_webhooks_endpoints__endpoint_id__rotate_secret_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/endpoints/{endpoint_id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pause Endpoint */
        post: operations["pause_endpoint_api_v1_webhooks_endpoints__endpoint_id__pause_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/endpoints/{endpoint_id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resume Endpoint */
        post: operations["resume_endpoint_api_v1_webhooks_endpoints__endpoint_id__resume_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/endpoints/{endpoint_id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Test Endpoint */
        post: operations["test_endpoint_api_v1_webhooks_endpoints__endpoint_id__test_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Messages */
        get: operations["list_messages_api_v1_webhooks_messages_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/messages/{message_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Message */
        get: operations["get_message_api_v1_webhooks_messages__message_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/messages/{message_id}/attempts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Attempts */
        get: operations["list_attempts_api_v1_webhooks_messages__message_id__attempts_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/messages/{message_id}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Redeliver */
        post: operations["redeliver_api_v1_webhooks_messages__message_id__redeliver_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Register */
        post: operations["register_api_auth_register_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Verify */
        post: operations["verify_api_auth_verify_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/resend-verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resend Verification */
        post: operations["resend_verification_api_auth_resend_verification_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Login */
        post: operations["login_api_auth_login_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Refresh */
        post: operations["refresh_api_auth_refresh_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Logout */
        post: operations["logout_api_auth_logout_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/forgot-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Forgot Password */
        post: operations["forgot_password_api_auth_forgot_password_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/reset-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reset Password */
        post: operations["reset_password_api_auth_reset_password_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Me */
        get: operations["me_api_auth_me_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Keys */
        get: operations["list_keys_api_keys_get"];
        put?: never;
        /** Create Key */
        post: operations["create_key_api_keys_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/keys/{key_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke Key */
        delete: operations["revoke_key_api_keys__key_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Sessions */
        get: operations["list_sessions_api_sessions_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sessions/{session_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Session */
        get: operations["get_session_api_sessions__session_id__get"];
        put?: never;
        post?: never;
        /**
         * Delete Session
         * @description Erases the conversation, its form state and turns, and the jobs it started.
         */
        delete: operations["delete_session_api_sessions__session_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Erase Me
         * @description Erases your account and everything it owns; running jobs are cancelled first.
         */
        delete: operations["erase_me_api_v1_me_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Erase User
         * @description The admin erases any account (anyone else: 404, like a missing user).
         */
        delete: operations["erase_user_api_v1_users__user_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Settings
         * @description Your settings (the server's defaults until you save your own).
         */
        get: operations["get_settings_api_v1_me_settings_get"];
        /**
         * Put Settings
         * @description Replaces your settings; every field is checked, and an unknown one is refused.
         */
        put: operations["put_settings_api_v1_me_settings_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/offer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * WebRTC offer → answer
         * @description Answers a WebRTC offer and starts the call's bot (or renegotiates an existing call).
         */
        post: operations["offer_offer_post"];
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Trickle ICE candidates
         * @description Trickle ICE: candidates for an existing peer connection of the caller.
         */
        patch: operations["patch_offer_patch"];
        trace?: never;
    };
    "/api/offer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * WebRTC offer → answer
         * @description Answers a WebRTC offer and starts the call's bot (or renegotiates an existing call).
         */
        post: operations["offer_api_offer_post"];
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Trickle ICE candidates
         * @description Trickle ICE: candidates for an existing peer connection of the caller.
         */
        patch: operations["patch_api_offer_patch"];
        trace?: never;
    };
    "/api/voice/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Voice Token
         * @description A short-lived token good only for /offer and /ws (e.g. for a browser page).
         */
        post: operations["voice_token_api_voice_token_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** ArtifactList */
        ArtifactList: {
            /**
             * Success
             * @default true
             */
            success: boolean;
            /** Job Id */
            job_id: string;
            /** Artifacts */
            artifacts: components["schemas"]["ArtifactView"][];
        };
        /** ArtifactView */
        ArtifactView: {
            /** Name */
            name: string;
            /** Size */
            size: number;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Media Type */
            media_type: string;
            /** Url */
            url: string;
        };
        /** AttemptList */
        AttemptList: {
            /**
             * Success
             * @default true
             */
            success: boolean;
            /** Message Id */
            message_id: string;
            /** Attempts */
            attempts: components["schemas"]["AttemptView"][];
        };
        /** AttemptView */
        AttemptView: {
            /** Number */
            number: number;
            /**
             * Started At
             * Format: date-time
             */
            started_at: string;
            /** Succeeded */
            succeeded: boolean;
            /** Status Code */
            status_code: number | null;
            /** Latency Ms */
            latency_ms: number;
            /** Error */
            error: string | null;
            /**
             * Response Body
             * @description The first 1 KB of the receiver's answer.
             */
            response_body: string | null;
        };
        /** BookingChoices */
        BookingChoices: {
            /**
             * Success
             * @default true
             */
            success: boolean;
            /** Locations */
            locations: string[];
            /** Licence Types */
            licence_types: string[];
            /** Exam Types */
            exam_types: string[];
            /** Vehicles */
            vehicles: {
                [key: string]: string;
            };
            /** Languages */
            languages: {
                [key: string]: string;
            };
            /**
             * Max Locations
             * @default 4
             */
            max_locations: number;
        };
        /** BookingList */
        BookingList: {
            /**
             * Success
             * @default true
             */
            success: boolean;
            /** Jobs */
            jobs: components["schemas"]["BookingStatus"][];
            /** Count */
            count: number;
        };
        /**
         * BookingStart
         * @description The seed's start body plus Gofer's booking options.
         */
        BookingStart: {
            /**
             * User Id
             * @description The caller's own user id.
             */
            user_id?: string | null;
            /**
             * License Type
             * @description Licence code, e.g. B, A, BE.
             * @default B
             */
            license_type: string;
            /**
             * Exam Type
             * @description Körprov (driving) or Kunskapsprov (theory).
             * @default Körprov
             */
            exam_type: string;
            /**
             * Vehicle
             * @description Körprov car: manual or automatic.
             * @default manual
             */
            vehicle: string;
            /**
             * Language
             * @description Kunskapsprov language: sv or en.
             * @default sv
             */
            language: string;
            /**
             * Locations
             * @description 1 to 4 places.
             */
            locations: string[];
            /**
             * Date From
             * @description Earliest acceptable day (inclusive).
             */
            date_from?: string | null;
            /**
             * Date To
             * @description Latest acceptable day (inclusive).
             */
            date_to?: string | null;
            /**
             * Before
             * @description Alternative to date_to: strictly before.
             */
            before?: string | null;
            /**
             * Time From
             * @description Earliest start time of day.
             */
            time_from?: string | null;
            /**
             * Time To
             * @description Latest start time of day.
             */
            time_to?: string | null;
            /**
             * Weekdays
             * @description Allowed ISO weekdays, 1=Monday.
             */
            weekdays?: number[] | null;
            /**
             * Auto Book
             * @description Book the slot; false only reports it.
             * @default true
             */
            auto_book: boolean;
            /**
             * Poll Interval S
             * @description Seconds between searches (at least 10, at most 86400).
             * @default 60
             */
            poll_interval_s: number;
            /**
             * Monitor Until
             * @description Stop monitoring at this time (future, within two years).
             */
            monitor_until?: string | null;
            /**
             * Timeout S
             * @description Whole-job time limit in seconds (at most a year).
             */
            timeout_s?: number | null;
            /** Webhook Url */
            webhook_url?: string | null;
            /** Idempotency Key */
            idempotency_key?: string | null;
        };
        /** BookingStarted */
        BookingStarted: {
            /**
             * Success
             * @default true
             */
            success: boolean;
            /** Job Id */
            job_id: string;
            /** Status */
            status: string;
            /** Message */
            message: string;
            /** Webhook Configured */
            webhook_configured: boolean;
            /** Websocket Url */
            websocket_url: string;
            /** Qr Polling Url */
            qr_polling_url: string;
        };
        /** BookingStatus */
        BookingStatus: {
            /**
             * Success
             * @default true
             */
            success: boolean;
            /** Job Id */
            job_id: string;
            /** Status */
            status: string;
            /** Progress */
            progress: number;
            /** Message */
            message: string;
            /** Result */
            result?: {
                [key: string]: unknown;
            } | null;
            /** Error */
            error?: string | null;
            /** Created At */
            created_at: string;
            /** Updated At */
            updated_at: string;
        };
        /** BookingStop */
        BookingStop: {
            /** Job Id */
            job_id: string;
        };
        /** CancelResult */
        CancelResult: {
            /** Success */
            success: boolean;
            /** Job Id */
            job_id: string;
            /** Status */
            status: string;
            /** Message */
            message: string;
        };
        /**
         * CancelStart
         * @description Which test to cancel (with `confirm: true`), plus the job options.
         */
        CancelStart: {
            /**
             * User Id
             * @description The caller's own user id.
             */
            user_id?: string | null;
            /**
             * Booking Id
             * @description The examination id or booking reference shown in Mina prov (digits).
             */
            booking_id: string;
            /**
             * Confirm
             * @description Must be true: a cancelled test cannot be restored.
             * @default false
             */
            confirm: boolean;
            /**
             * Timeout S
             * @description Whole-job time limit in seconds.
             */
            timeout_s?: number | null;
            /** Webhook Url */
            webhook_url?: string | null;
            /** Idempotency Key */
            idempotency_key?: string | null;
        };
        /** CodeBody */
        CodeBody: {
            /**
             * Email
             * Format: email
             */
            email: string;
            /**
             * Code
             * @description The 6-digit code from the mail.
             */
            code: string;
        };
        /** Done */
        Done: {
            /**
             * Success
             * @default true
             */
            success: boolean;
            /** Message */
            message: string;
        };
        /** EmailBody */
        EmailBody: {
            /**
             * Email
             * Format: email
             */
            email: string;
        };
        /** EndpointCreate */
        EndpointCreate: {
            /**
             * Url
             * @example https://example.com/hooks/gofer
             */
            url: string;
            /**
             * Event Types
             * @description Event types to receive; empty means every type.
             * @example [
             *       "booking_completed",
             *       "qr_code_update"
             *     ]
             */
            event_types?: string[];
            /**
             * Description
             * @default
             */
            description: string;
        };
        /** EndpointCreated */
        EndpointCreated: {
            /** Id */
            id: string;
            /**
             * Kind
             * @enum {string}
             */
            kind: "registered" | "job" | "default";
            /** Url */
            url: string;
            /** Description */
            description: string;
            /** Event Types */
            event_types: string[];
            /**
             * Status
             * @enum {string}
             */
            status: "active" | "paused" | "disabled";
            /** Disabled Reason */
            disabled_reason: string | null;
            /** Failing Since */
            failing_since: string | null;
            /** Last Success At */
            last_success_at: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /**
             * Secret
             * @description The signing secret. It is shown only once; keep it.
             */
            secret: string;
        };
        /** EndpointList */
        EndpointList: {
            /**
             * Success
             * @default true
             */
            success: boolean;
            /** Endpoints */
            endpoints: components["schemas"]["EndpointView"][];
        };
        /** EndpointView */
        EndpointView: {
            /** Id */
            id: string;
            /**
             * Kind
             * @enum {string}
             */
            kind: "registered" | "job" | "default";
            /** Url */
            url: string;
            /** Description */
            description: string;
            /** Event Types */
            event_types: string[];
            /**
             * Status
             * @enum {string}
             */
            status: "active" | "paused" | "disabled";
            /** Disabled Reason */
            disabled_reason: string | null;
            /** Failing Since */
            failing_since: string | null;
            /** Last Success At */
            last_success_at: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
        };
        /** ErasureDone */
        ErasureDone: {
            /**
             * Success
             * @default true
             */
            success: boolean;
            /** Kind */
            kind: string;
            /** Id */
            id: string;
            /** Erased At */
            erased_at: string;
            /** Removed */
            removed: {
                [key: string]: number;
            };
        };
        /** EventList */
        EventList: {
            /**
             * Success
             * @default true
             */
            success: boolean;
            /** Job Id */
            job_id: string;
            /** Events */
            events: {
                [key: string]: unknown;
            }[];
            /** Last Seq */
            last_seq: number;
        };
        /** ExecuteAnswer */
        ExecuteAnswer: {
            /**
             * Success
             * @default true
             */
            success: boolean;
            /**
             * Result
             * @description What was done, in one or two sentences.
             */
            result: string;
            /** Session Id */
            session_id: string;
            /** Job Id */
            job_id: string;
            /** Form */
            form?: string | null;
            /**
             * Filled
             * @description Values the agent set and read back, by field name.
             */
            filled?: {
                [key: string]: string;
            };
            /**
             * Missing
             * @description Fields still without a value.
             */
            missing?: string[];
            /**
             * Question
             * @description What to ask the user next, if anything.
             */
            question?: string | null;
            /**
             * Submitted
             * @default false
             */
            submitted: boolean;
            /**
             * Url
             * @description The form page of this conversation.
             */
            url?: string | null;
            /** Step */
            step?: number | null;
            /** Steps */
            steps?: number | null;
            /** Changes */
            changes?: {
                [key: string]: unknown;
            };
            /** Mismatches */
            mismatches?: {
                [key: string]: {
                    [key: string]: string;
                };
            };
            /** Skipped */
            skipped?: {
                [key: string]: string;
            };
            /** Rejected */
            rejected?: {
                [key: string]: string;
            };
            /**
             * Form Values
             * @description Every non-empty control of the page after the turn.
             */
            form_values?: {
                [key: string]: string;
            };
            /** Timings Ms */
            timings_ms?: {
                [key: string]: number;
            };
            /** Websocket Url */
            websocket_url: string;
            /** Events Url */
            events_url: string;
        };
        /**
         * ExecuteBody
         * @description The seed's body; `form` optionally forces the form (loan, crm, hr, compliance, operations).
         */
        ExecuteBody: {
            /**
             * User Message
             * @example Mở đơn vay cho Nguyễn Văn An, 500 triệu
             */
            user_message?: string | null;
            /** Session Id */
            session_id?: string | null;
            /**
             * Form
             * @example loan
             */
            form?: string | null;
            /**
             * Language
             * @description The conversation's language, for messages that do not show one.
             */
            language?: ("vi" | "en") | null;
        };
        /** FormSessionView */
        FormSessionView: {
            /**
             * Success
             * @default true
             */
            success: boolean;
            /** Session Id */
            session_id: string;
            /** Form */
            form: string | null;
            /** Url */
            url: string | null;
            /** Filled */
            filled: {
                [key: string]: string;
            };
            /** Step */
            step: number;
            /** Turns */
            turns: components["schemas"]["TurnView"][];
        };
        /** HandbackAnswer */
        HandbackAnswer: {
            /**
             * Success
             * @default true
             */
            success: boolean;
            /** Job Id */
            job_id: string;
            /** Message */
            message: string;
        };
        /** JobAnswer */
        JobAnswer: {
            /** Job Id */
            job_id: string;
            /** User Id */
            user_id: string;
            /** Workflow */
            workflow: string;
            state: components["schemas"]["JobState"];
            /** Step */
            step?: string | null;
            /** Progress */
            progress: number;
            /** Message */
            message: string;
            /** Params */
            params: {
                [key: string]: unknown;
            };
            /** Result */
            result?: {
                [key: string]: unknown;
            } | null;
            /** Error */
            error?: string | null;
            /** Error Code */
            error_code?: string | null;
            /**
             * Webhook Configured
             * @default false
             */
            webhook_configured: boolean;
            /**
             * Last Seq
             * @default 0
             */
            last_seq: number;
            /**
             * Attempt
             * @default 0
             */
            attempt: number;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /** Started At */
            started_at?: string | null;
            /** Finished At */
            finished_at?: string | null;
            /**
             * Success
             * @default true
             */
            success: boolean;
            /** Status */
            readonly status: string;
        };
        /** JobCreate */
        JobCreate: {
            /**
             * Workflow
             * @example trafikverket.book
             */
            workflow: string;
            /** Params */
            params?: {
                [key: string]: unknown;
            };
            /** Webhook Url */
            webhook_url?: string | null;
            /** Idempotency Key */
            idempotency_key?: string | null;
        };
        /** JobCreated */
        JobCreated: {
            /** Job Id */
            job_id: string;
            /** User Id */
            user_id: string;
            /** Workflow */
            workflow: string;
            state: components["schemas"]["JobState"];
            /** Step */
            step?: string | null;
            /** Progress */
            progress: number;
            /** Message */
            message: string;
            /** Params */
            params: {
                [key: string]: unknown;
            };
            /** Result */
            result?: {
                [key: string]: unknown;
            } | null;
            /** Error */
            error?: string | null;
            /** Error Code */
            error_code?: string | null;
            /**
             * Webhook Configured
             * @default false
             */
            webhook_configured: boolean;
            /**
             * Last Seq
             * @default 0
             */
            last_seq: number;
            /**
             * Attempt
             * @default 0
             */
            attempt: number;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /** Started At */
            started_at?: string | null;
            /** Finished At */
            finished_at?: string | null;
            /**
             * Success
             * @default true
             */
            success: boolean;
            /** Websocket Url */
            websocket_url: string;
            /** Qr Polling Url */
            qr_polling_url: string;
            /** Events Url */
            events_url: string;
            /** Status */
            readonly status: string;
        };
        /** JobPage */
        JobPage: {
            /**
             * Success
             * @default true
             */
            success: boolean;
            /** Jobs */
            jobs: components["schemas"]["JobView"][];
            /** Next Cursor */
            next_cursor: string | null;
        };
        /**
         * JobState
         * @enum {string}
         */
        JobState: "queued" | "running" | "waiting" | "completed" | "failed" | "cancelled";
        /**
         * JobView
         * @description A job as the API returns it.
         */
        JobView: {
            /** Job Id */
            job_id: string;
            /** User Id */
            user_id: string;
            /** Workflow */
            workflow: string;
            state: components["schemas"]["JobState"];
            /** Step */
            step?: string | null;
            /** Progress */
            progress: number;
            /** Message */
            message: string;
            /** Params */
            params: {
                [key: string]: unknown;
            };
            /** Result */
            result?: {
                [key: string]: unknown;
            } | null;
            /** Error */
            error?: string | null;
            /** Error Code */
            error_code?: string | null;
            /**
             * Webhook Configured
             * @default false
             */
            webhook_configured: boolean;
            /**
             * Last Seq
             * @default 0
             */
            last_seq: number;
            /**
             * Attempt
             * @default 0
             */
            attempt: number;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /** Started At */
            started_at?: string | null;
            /** Finished At */
            finished_at?: string | null;
            /** Status */
            readonly status: string;
        };
        /** KeyCreate */
        KeyCreate: {
            /**
             * Name
             * @example nightly-sync
             */
            name: string;
        };
        /** KeyCreated */
        KeyCreated: {
            /**
             * Success
             * @default true
             */
            success: boolean;
            key: components["schemas"]["KeyOut"];
            /**
             * Secret
             * @description The API key. It is shown only this once.
             */
            secret: string;
        };
        /** KeyList */
        KeyList: {
            /**
             * Success
             * @default true
             */
            success: boolean;
            /** Keys */
            keys: components["schemas"]["KeyOut"][];
            /** Count */
            count: number;
        };
        /** KeyOut */
        KeyOut: {
            /** Id */
            id: string;
            /** Name */
            name: string;
            /** Prefix */
            prefix: string;
            /** User Id */
            user_id: string;
            /** Created At */
            created_at: string | null;
            /** Last Used At */
            last_used_at: string | null;
            /** Revoked */
            revoked: boolean;
            /** Revoked At */
            revoked_at: string | null;
        };
        /** KeyRevoked */
        KeyRevoked: {
            /**
             * Success
             * @default true
             */
            success: boolean;
            key: components["schemas"]["KeyOut"];
        };
        /** LiveAnswer */
        LiveAnswer: {
            /**
             * Success
             * @default true
             */
            success: boolean;
            /** Job Id */
            job_id: string;
            /** Live Url */
            live_url: string;
            /**
             * Expires At
             * Format: date-time
             */
            expires_at: string;
            /** Interactive */
            interactive: boolean;
        };
        /** LiveRequest */
        LiveRequest: {
            /**
             * Interactive
             * @default false
             */
            interactive: boolean;
            /**
             * Ttl S
             * @description Life of the URL in seconds.
             */
            ttl_s?: number | null;
        };
        /** LiveView */
        LiveView: {
            /**
             * Success
             * @default true
             */
            success: boolean;
            /**
             * Live Url
             * @description A one-time, view-only URL of the browser now at work; null when none is.
             */
            live_url: string | null;
            /** Expires At */
            expires_at?: string | null;
            /** Job Id */
            job_id?: string | null;
            /** Session Id */
            session_id?: string | null;
            /** Form */
            form?: string | null;
            /**
             * Form Url
             * @description The conversation's form page.
             */
            form_url?: string | null;
        };
        /** LoginBody */
        LoginBody: {
            /**
             * Email
             * Format: email
             */
            email: string;
            /** Password */
            password: string;
        };
        /** Me */
        Me: {
            /**
             * Success
             * @default true
             */
            success: boolean;
            /** User */
            user: {
                [key: string]: unknown;
            };
        };
        /** MessageDetail */
        MessageDetail: {
            /**
             * Id
             * @description The webhook-id header; the same on every attempt.
             */
            id: string;
            /** Endpoint Id */
            endpoint_id: string;
            /** Job Id */
            job_id: string | null;
            /** Seq */
            seq: number;
            /** Event Type */
            event_type: string;
            /**
             * Status
             * @enum {string}
             */
            status: "pending" | "succeeded" | "failed" | "superseded";
            /** Attempt Count */
            attempt_count: number;
            /** Next Attempt At */
            next_attempt_at: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Last Attempt At */
            last_attempt_at: string | null;
            /** Delivered At */
            delivered_at: string | null;
            /** Payload */
            payload: {
                [key: string]: unknown;
            };
        };
        /** MessagePage */
        MessagePage: {
            /**
             * Success
             * @default true
             */
            success: boolean;
            /** Messages */
            messages: components["schemas"]["MessageView"][];
            /** Next Cursor */
            next_cursor: string | null;
        };
        /** MessageView */
        MessageView: {
            /**
             * Id
             * @description The webhook-id header; the same on every attempt.
             */
            id: string;
            /** Endpoint Id */
            endpoint_id: string;
            /** Job Id */
            job_id: string | null;
            /** Seq */
            seq: number;
            /** Event Type */
            event_type: string;
            /**
             * Status
             * @enum {string}
             */
            status: "pending" | "succeeded" | "failed" | "superseded";
            /** Attempt Count */
            attempt_count: number;
            /** Next Attempt At */
            next_attempt_at: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Last Attempt At */
            last_attempt_at: string | null;
            /** Delivered At */
            delivered_at: string | null;
        };
        /** QrView */
        QrView: {
            /**
             * Success
             * @default true
             */
            success: boolean;
            /** Job Id */
            job_id: string;
            /** Image Data */
            image_data: string;
            /** Qr Payload */
            qr_payload: string | null;
            /** Seq */
            seq: number;
            /**
             * Timestamp
             * Format: date-time
             */
            timestamp: string;
            /** Status */
            status: string;
        };
        /**
         * RebookStart
         * @description What to move and how early, plus the job options of `/api/v1/booking/start`.
         */
        RebookStart: {
            /**
             * User Id
             * @description The caller's own user id.
             */
            user_id?: string | null;
            /**
             * License Type
             * @description Licence code, e.g. B, A, BE.
             * @default B
             */
            license_type: string;
            /**
             * Exam Type
             * @description Körprov (driving) or Kunskapsprov (theory).
             * @default Körprov
             */
            exam_type: string;
            /**
             * Vehicle
             * @description Körprov car: manual or automatic.
             * @default manual
             */
            vehicle: string;
            /**
             * Language
             * @description Kunskapsprov language: sv or en.
             * @default sv
             */
            language: string;
            /**
             * Locations
             * @description 0 to 4 places; none means the place of the booking held now.
             */
            locations?: string[];
            /**
             * Date From
             * @description Earliest acceptable day (inclusive).
             */
            date_from?: string | null;
            /**
             * Date To
             * @description Latest acceptable day (inclusive).
             */
            date_to?: string | null;
            /**
             * Before
             * @description Alternative to date_to: strictly before.
             */
            before?: string | null;
            /**
             * Time From
             * @description Earliest start time of day.
             */
            time_from?: string | null;
            /**
             * Time To
             * @description Latest start time of day.
             */
            time_to?: string | null;
            /**
             * Weekdays
             * @description Allowed ISO weekdays, 1=Monday.
             */
            weekdays?: number[] | null;
            /**
             * Auto Book
             * @description Book the slot; false only reports it.
             * @default true
             */
            auto_book: boolean;
            /**
             * Poll Interval S
             * @description Seconds between searches (at least 10, at most 86400).
             * @default 60
             */
            poll_interval_s: number;
            /**
             * Monitor Until
             * @description Stop monitoring at this time (future, within two years).
             */
            monitor_until?: string | null;
            /**
             * Timeout S
             * @description Whole-job time limit in seconds (at most a year).
             */
            timeout_s?: number | null;
            /**
             * Booking Id
             * @description Which booking to move; default: the person's booked test of exam_type.
             */
            booking_id?: string | null;
            /** Webhook Url */
            webhook_url?: string | null;
            /** Idempotency Key */
            idempotency_key?: string | null;
        };
        /** RefreshBody */
        RefreshBody: {
            /** Refreshtoken */
            refreshToken: string;
        };
        /** RegisterBody */
        RegisterBody: {
            /**
             * Email
             * Format: email
             */
            email: string;
            /** Password */
            password: string;
            /**
             * Name
             * @default
             */
            name: string;
        };
        /** ResetBody */
        ResetBody: {
            /**
             * Email
             * Format: email
             */
            email: string;
            /**
             * Code
             * @description The 6-digit code from the mail.
             */
            code: string;
            /** Newpassword */
            newPassword: string;
        };
        /** SecretRotated */
        SecretRotated: {
            /** Endpoint Id */
            endpoint_id: string;
            /**
             * Secret
             * @description The new signing secret. It is shown only once.
             */
            secret: string;
            /**
             * Previous Secret Valid Until
             * @description Until then each webhook carries signatures from the old and the new secret.
             */
            previous_secret_valid_until: string | null;
        };
        /** SessionAnswer */
        SessionAnswer: {
            /**
             * Success
             * @default true
             */
            success: boolean;
            session: components["schemas"]["SessionDetail"];
        };
        /** SessionDeleted */
        SessionDeleted: {
            /**
             * Success
             * @default true
             */
            success: boolean;
            /** Session Id */
            session_id: string;
        };
        /** SessionDetail */
        SessionDetail: {
            /** Session Id */
            session_id: string;
            /** User Id */
            user_id: string;
            /** Kind */
            kind: string;
            /** Title */
            title: string;
            /** Message Count */
            message_count: number;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /** Messages */
            messages: components["schemas"]["SessionMessage"][];
            /** Executions */
            executions: components["schemas"]["SessionExecution"][];
        };
        /** SessionExecution */
        SessionExecution: {
            /** Job Id */
            job_id: string;
            /** Workflow */
            workflow: string;
            /** Status */
            status: string;
            /** Summary */
            summary: string;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
        };
        /** SessionList */
        SessionList: {
            /**
             * Success
             * @default true
             */
            success: boolean;
            /** Sessions */
            sessions: components["schemas"]["SessionSummary"][];
            /** Count */
            count: number;
            /** Last Evaluated Key */
            last_evaluated_key: string | null;
        };
        /** SessionMessage */
        SessionMessage: {
            /** Id */
            id: number;
            /** Role */
            role: string;
            /** Content */
            content: string;
            /** Data */
            data?: {
                [key: string]: unknown;
            } | null;
            /**
             * Timestamp
             * Format: date-time
             */
            timestamp: string;
        };
        /** SessionSummary */
        SessionSummary: {
            /** Session Id */
            session_id: string;
            /** User Id */
            user_id: string;
            /** Kind */
            kind: string;
            /** Title */
            title: string;
            /** Message Count */
            message_count: number;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
        };
        /** SettingsBody */
        SettingsBody: {
            /**
             * Language
             * @description Language of the web UI.
             * @enum {string}
             */
            language: "en" | "sv" | "vi";
            /**
             * Voice Language
             * @description Language spoken in your voice calls.
             * @enum {string}
             */
            voice_language: "vi" | "en" | "sv";
            /**
             * Voice
             * @description The voice that speaks to you in calls.
             * @enum {string}
             */
            voice: "default" | "female" | "male";
            /**
             * Model
             * @description The language model for your conversations; empty for the server's default.
             * @default
             */
            model: string;
        };
        /** SettingsView */
        SettingsView: {
            /**
             * Success
             * @default true
             */
            success: boolean;
            /**
             * Language
             * @enum {string}
             */
            language: "en" | "sv" | "vi";
            /**
             * Voice Language
             * @enum {string}
             */
            voice_language: "vi" | "en" | "sv";
            /**
             * Voice
             * @enum {string}
             */
            voice: "default" | "female" | "male";
            /** Model */
            model: string;
            /**
             * Updated At
             * @description Null until you first save them.
             */
            updated_at?: string | null;
        };
        /** SignedIn */
        SignedIn: {
            /**
             * Success
             * @default true
             */
            success: boolean;
            tokens: components["schemas"]["TokensOut"];
            user: components["schemas"]["UserOut"];
        };
        /** TakeoverRequest */
        TakeoverRequest: {
            /**
             * At Step
             * @description Pause when the workflow reaches this step (default: its next safe point).
             */
            at_step?: string | null;
            /** Ttl S */
            ttl_s?: number | null;
        };
        /** TestSent */
        TestSent: {
            /** Message Id */
            message_id: string;
            /** Endpoint Id */
            endpoint_id: string;
            /** Status */
            status: string;
        };
        /** TokensOut */
        TokensOut: {
            /** Accesstoken */
            accessToken: string;
            /** Idtoken */
            idToken: string;
            /** Refreshtoken */
            refreshToken: string;
            /** Expiresin */
            expiresIn: number;
            /** Tokentype */
            tokenType: string;
        };
        /** TurnView */
        TurnView: {
            /** Job Id */
            job_id: string;
            /** Turn */
            turn: number;
            /** Message */
            message: string;
            /** Status */
            status: string;
            /** Outcome */
            outcome: {
                [key: string]: unknown;
            };
        };
        /** UserAnswer */
        UserAnswer: {
            /**
             * Success
             * @default true
             */
            success: boolean;
            /**
             * Message
             * @default
             */
            message: string;
            user: components["schemas"]["UserOut"];
        };
        /** UserOut */
        UserOut: {
            /** Id */
            id: string;
            /** Email */
            email: string | null;
            /** Name */
            name: string;
            /** Emailverified */
            emailVerified: boolean;
            /** Createdat */
            createdAt: string;
        };
        /** VoiceToken */
        VoiceToken: {
            /** Token */
            token: string;
            /** Expires In */
            expires_in: number;
        };
        /** ErrorBody */
        ErrorBody: {
            /** @constant */
            success: false;
            /** @description A sentence for a person. */
            error: string;
            /** @description A machine code, stable across versions. */
            code: string;
            /** @description Validation errors: each names its field. */
            details?: {
                field?: string;
                message?: string;
            }[];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    health_health_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    health_detailed_health_detailed_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    list_jobs_api_v1_jobs_get: {
        parameters: {
            query?: {
                /** @description Lifecycle states or workflow steps to keep. */
                status?: string[];
                workflow?: string | null;
                cursor?: string | null;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobPage"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    create_api_v1_jobs_post: {
        parameters: {
            query?: never;
            header?: {
                "Idempotency-Key"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["JobCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobCreated"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "The job has already ended",
                     *       "code": "conflict"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_job_api_v1_jobs__job_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                job_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobAnswer"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    erase_job_api_v1_jobs__job_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                job_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErasureDone"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "The job has already ended",
                     *       "code": "conflict"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    cancel_api_v1_jobs__job_id__cancel_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                job_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CancelResult"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "The job has already ended",
                     *       "code": "conflict"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    events_api_v1_jobs__job_id__events_get: {
        parameters: {
            query?: {
                after?: number;
                limit?: number;
            };
            header?: never;
            path: {
                job_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventList"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    qr_api_v1_jobs__job_id__qr_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                job_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QrView"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    schema_api_v1_events_schema_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    booking_locations_api_v1_booking_locations_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BookingChoices"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    start_api_v1_booking_start_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BookingStart"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BookingStarted"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "The job has already ended",
                     *       "code": "conflict"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    status_api_v1_booking_status__job_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                job_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BookingStatus"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    list_bookings_api_v1_booking_status_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BookingList"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    qr_api_v1_booking__job_id__qr_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                job_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QrView"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    stop_api_v1_booking_stop_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BookingStop"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "The job has already ended",
                     *       "code": "conflict"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    rebook_api_v1_booking_rebook_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RebookStart"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BookingStarted"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "The job has already ended",
                     *       "code": "conflict"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    cancel_api_v1_booking_cancel_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CancelStart"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BookingStarted"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "The job has already ended",
                     *       "code": "conflict"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    live_link_api_v1_jobs__job_id__live_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                job_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["LiveRequest"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LiveAnswer"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "The job has already ended",
                     *       "code": "conflict"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    takeover_api_v1_jobs__job_id__takeover_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                job_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["TakeoverRequest"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LiveAnswer"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "The job has already ended",
                     *       "code": "conflict"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    handback_api_v1_jobs__job_id__handback_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                job_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HandbackAnswer"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "The job has already ended",
                     *       "code": "conflict"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    artifacts_api_v1_jobs__job_id__artifacts_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                job_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArtifactList"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    artifact_api_v1_jobs__job_id__artifacts__name__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                job_id: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    execute_api_execute_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ExecuteBody"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExecuteAnswer"];
                };
            };
            /** @description user_message is required */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "user_message is required",
                     *       "code": "user_message_required"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "The job has already ended",
                     *       "code": "conflict"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Bad Gateway */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Gateway Timeout */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    live_api_live_get: {
        parameters: {
            query?: {
                session_id?: string | null;
                job_id?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LiveView"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    form_session_api_forms_sessions__session_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FormSessionView"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    api_health_api_health_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    list_endpoints_api_v1_webhooks_endpoints_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EndpointList"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    create_endpoint_api_v1_webhooks_endpoints_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EndpointCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EndpointCreated"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "The job has already ended",
                     *       "code": "conflict"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_endpoint_api_v1_webhooks_endpoints__endpoint_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                endpoint_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EndpointView"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    delete_endpoint_api_v1_webhooks_endpoints__endpoint_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                endpoint_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "The job has already ended",
                     *       "code": "conflict"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    rotate_secret_api_v1_webhooks_endpoints__endpoint_id__rotate_secret_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                endpoint_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SecretRotated"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "The job has already ended",
                     *       "code": "conflict"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    pause_endpoint_api_v1_webhooks_endpoints__endpoint_id__pause_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                endpoint_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EndpointView"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "The job has already ended",
                     *       "code": "conflict"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    resume_endpoint_api_v1_webhooks_endpoints__endpoint_id__resume_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                endpoint_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EndpointView"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "The job has already ended",
                     *       "code": "conflict"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    test_endpoint_api_v1_webhooks_endpoints__endpoint_id__test_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                endpoint_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TestSent"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "The job has already ended",
                     *       "code": "conflict"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    list_messages_api_v1_webhooks_messages_get: {
        parameters: {
            query?: {
                job_id?: string | null;
                endpoint_id?: string | null;
                status?: ("pending" | "succeeded" | "failed" | "superseded") | null;
                /** @description next_cursor of the previous page */
                cursor?: string | null;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessagePage"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_message_api_v1_webhooks_messages__message_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                message_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageDetail"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    list_attempts_api_v1_webhooks_messages__message_id__attempts_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                message_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AttemptList"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    redeliver_api_v1_webhooks_messages__message_id__redeliver_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                message_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageView"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "The job has already ended",
                     *       "code": "conflict"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    register_api_auth_register_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegisterBody"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserAnswer"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "The job has already ended",
                     *       "code": "conflict"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    verify_api_auth_verify_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CodeBody"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserAnswer"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "The job has already ended",
                     *       "code": "conflict"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    resend_verification_api_auth_resend_verification_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EmailBody"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Done"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "The job has already ended",
                     *       "code": "conflict"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    login_api_auth_login_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginBody"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignedIn"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "The job has already ended",
                     *       "code": "conflict"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    refresh_api_auth_refresh_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshBody"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignedIn"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "The job has already ended",
                     *       "code": "conflict"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    logout_api_auth_logout_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshBody"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Done"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "The job has already ended",
                     *       "code": "conflict"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    forgot_password_api_auth_forgot_password_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EmailBody"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Done"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "The job has already ended",
                     *       "code": "conflict"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    reset_password_api_auth_reset_password_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResetBody"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Done"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "The job has already ended",
                     *       "code": "conflict"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    me_api_auth_me_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    list_keys_api_keys_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KeyList"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    create_key_api_keys_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["KeyCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KeyCreated"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "The job has already ended",
                     *       "code": "conflict"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    revoke_key_api_keys__key_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KeyRevoked"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "The job has already ended",
                     *       "code": "conflict"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    list_sessions_api_sessions_get: {
        parameters: {
            query?: {
                limit?: number;
                /** @description `last_evaluated_key` of the previous page. */
                last_key?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionList"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_session_api_sessions__session_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionAnswer"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    delete_session_api_sessions__session_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionDeleted"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "The job has already ended",
                     *       "code": "conflict"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    erase_me_api_v1_me_delete: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErasureDone"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "The job has already ended",
                     *       "code": "conflict"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    erase_user_api_v1_users__user_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErasureDone"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "The job has already ended",
                     *       "code": "conflict"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_settings_api_v1_me_settings_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SettingsView"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    put_settings_api_v1_me_settings_put: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SettingsBody"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SettingsView"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "The job has already ended",
                     *       "code": "conflict"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    offer_offer_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "The job has already ended",
                     *       "code": "conflict"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    patch_offer_patch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "The job has already ended",
                     *       "code": "conflict"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    offer_api_offer_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "The job has already ended",
                     *       "code": "conflict"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    patch_api_offer_patch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "The job has already ended",
                     *       "code": "conflict"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    voice_token_api_voice_token_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VoiceToken"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Missing or invalid bearer token",
                     *       "code": "unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not found, or not this caller's (tenants never see each other's data) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Job not found",
                     *       "code": "not_found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "The job has already ended",
                     *       "code": "conflict"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A field is invalid (named in the sentence and in details), or the body is not JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Invalid value for 'locations': List should have at most 4 items",
                     *       "code": "validation_error",
                     *       "details": [
                     *         {
                     *           "field": "locations",
                     *           "message": "List should have at most 4 items"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": false,
                     *       "error": "Rate limit exceeded",
                     *       "code": "rate_limited"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
}
