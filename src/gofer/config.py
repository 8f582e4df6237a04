"""Gofer's one configuration object, read from the environment and `.env`."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every setting Gofer reads. Names map to upper-case environment variables."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # --- server ---
    env: Literal["dev", "test", "prod"] = "dev"
    host: str = "127.0.0.1"
    port: int = 8080
    public_base_url: str = ""  # how clients reach this server; derived from host/port when empty
    api_secret_token: SecretStr | None = None  # the admin key; required outside dev
    data_dir: Path = Path("data")
    database_url: str = ""  # default: SQLite file in data_dir

    # --- jobs ---
    # Execution slots per kind of work; a job waiting for a person or a poll holds none.
    max_concurrent_jobs: int = Field(4, ge=1, le=256)  # bookings and other long errands
    max_interactive_jobs: int = Field(4, ge=1, le=256)  # forms and voice turns
    # "inprocess" runs jobs in the server; "saq" queues them on Redis for `gofer worker`s.
    job_queue: Literal["inprocess", "saq"] = "inprocess"
    worker_heartbeat_s: float = Field(2.0, gt=0)
    worker_dead_after_s: float = Field(15.0, gt=0)  # no heartbeat for this long: re-queue its jobs
    worker_sweep_s: float = Field(5.0, gt=0)
    cancel_check_interval_s: float = Field(0.5, gt=0)  # how often a worker reads cancel requests
    # Live events across processes: "redis" needs REDIS_URL; JOB_QUEUE=saq always uses it.
    event_bus: Literal["memory", "redis"] = "memory"
    # Prefix of every Redis key and channel Gofer uses (queues, events, locks), so that several
    # deployments (or test runs) can share one Redis.
    redis_prefix: str = Field("gofer", pattern=r"^[A-Za-z0-9_.-]+$")
    job_timeout_s: float = Field(1800.0, gt=0)
    login_timeout_s: float = Field(180.0, gt=0)
    # How long a booking step waits for an element before it reports `site_changed`.
    site_step_timeout_s: float = Field(10.0, gt=0, le=120)
    # A BankID QR on screen that yields no readable code this long is a site change.
    site_qr_grace_s: float = Field(8.0, gt=0, le=120)
    # After a site change on a step a person can do (a click, a dialog), how long the job offers
    # a takeover in the live view before it fails (0: fail at once).
    site_changed_takeover_offer_s: float = Field(60.0, ge=0, le=3600)

    # --- browser ---
    # Empty: Debian's headless shell when headless (a third of the memory per job), else chromium.
    browser_executable: str = ""
    # "per_job" launches a browser for every job (the old way; kept as the benchmark baseline).
    browser_mode: Literal["shared", "per_job"] = "shared"
    browser_spare_contexts: int = Field(2, ge=0, le=16)
    # Contexts kept at a site's first screen (e.g. Boka prov, consent given) per site.
    browser_warm_contexts: int = Field(1, ge=0, le=8)
    browser_extra_args: list[str] = Field(default_factory=list)  # appended to Chromium's flags
    browser_headless: bool = True
    browser_launch_timeout_s: float = 30.0
    browser_action_timeout_ms: int = 15000

    # --- sites ---
    trafikverket_base_url: str = "http://127.0.0.1:8090"
    forms_base_url: str = "http://127.0.0.1:8090/vpbank"
    poll_interval_s: float = Field(60.0, ge=10.0)
    # Floor for poll intervals; tests lower it to keep monitoring fast against the replica.
    min_poll_interval_s: float = Field(10.0, gt=0)

    # --- canary: a search that never books, to see site drift before users do ---
    canary_enabled: bool = False  # on a schedule in `gofer serve`; `gofer canary` runs it once
    canary_interval_s: float = Field(3600.0, gt=0)
    canary_locations: list[str] = Field(default_factory=lambda: ["Uppsala"])
    # Told (signed, if a secret is set) when the site turns red.
    canary_webhook_url: str = ""
    canary_webhook_secret: str = ""
    # Test-only: the replica's simulated phone approves the canary's BankID login. Against the
    # real site leave it empty: the canary then checks every step up to the QR only.
    canary_phone_url: str = ""

    # --- replicas (`gofer replicas`, and started in-process by `gofer serve --with-replicas`) ---
    replicas_host: str = "127.0.0.1"
    replicas_port: int = 8090

    # --- webhooks ---
    webhook_url: str | None = None
    supabase_webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_timeout_s: float = 15.0
    # Extra CA certificates (PEM) trusted for HTTPS receivers, besides the system's.
    webhook_ca_bundle: str | None = None
    webhook_allow_hosts: list[str] = Field(
        default_factory=list
    )  # SSRF allowlist, e.g. ["127.0.0.1"]
    webhook_disable_after_s: float = 5 * 24 * 3600.0
    webhook_concurrency: int = 64
    # Delay before each retry (production: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h); tests shorten it.
    webhook_retry_schedule_s: list[float] = Field(
        default_factory=lambda: [5.0, 300.0, 1800.0, 7200.0, 18000.0, 36000.0, 36000.0]
    )
    # Safety net for deliveries enqueued by another process (a worker); wake-ups do the real work.
    webhook_idle_poll_s: float = Field(2.0, gt=0)

    # --- accounts, auth and limits ---
    jwt_secret: SecretStr | None = None  # derived from the admin token when unset (dev/test)
    access_token_ttl_s: int = 3600
    refresh_token_ttl_s: int = 30 * 24 * 3600
    oidc_jwks_url: str | None = None
    oidc_issuer: str | None = None
    oidc_audience: str | None = None
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_tls: Literal["none", "starttls", "tls"] = "starttls"
    mail_from: str = "gofer@localhost"
    redis_url: str | None = None
    rate_limit_default: str = "300/minute"
    rate_limit_login: str = "5/minute"
    rate_limit_login_lockout_s: int = 60
    rate_limit_offer: str = "10/minute"
    rate_limit_job_start: str = "30/minute"
    cors_origins: list[str] | None = None  # None: localhost origins in dev, none in prod
    metrics_token: SecretStr | None = None

    # --- forms agent ---
    llm_base_url: str | None = None
    llm_api_key: SecretStr | None = None
    llm_model: str | None = None
    llm_timeout_s: float = 10.0
    forms_timeout_s: float = 300.0
    forms_urls: dict[str, str] = Field(default_factory=dict)  # form key -> page URL (real pages)
    forms_page_idle_s: float = Field(120.0, ge=0)  # an idle conversation's page closes after this

    # --- data lifecycle (see README "Data and privacy"; 0 keeps that kind forever) ---
    # Events of finished jobs (the job's last event stays with the job).
    retention_job_events_days: float = Field(30.0, ge=0)
    # Superseded QR images of a job still waiting for a scan; a job that has left the QR step
    # keeps none (its QR events keep seq, time and a hash only).
    retention_qr_images_s: float = Field(60.0, ge=0)
    # Files under DATA_DIR/artifacts/<job_id>/ (screenshots, traces).
    retention_artifacts_days: float = Field(7.0, ge=0)
    # Conversations (messages, runs, form state and turns) since their last message.
    retention_conversations_days: float = Field(90.0, ge=0)
    # Delivered, failed and superseded webhook messages; pending ones are never pruned.
    retention_webhook_messages_days: float = Field(14.0, ge=0)
    retention_webhook_attempts_days: float = Field(7.0, ge=0)
    # Finished jobs themselves (row, events, artifacts, webhook log).
    retention_finished_jobs_days: float = Field(90.0, ge=0)
    prune_interval_s: float = Field(300.0, gt=0)
    prune_batch_size: int = Field(500, ge=1, le=10000)

    # --- voice (Talk to Gofer) ---
    voice_enabled: bool = True
    voice_models_dir: Path | None = None  # default: DATA_DIR/voice-models (filled by `make`)
    voice_default_language: Literal["vi", "en", "sv"] = "en"
    voice_english_model: Literal["tiny.en", "base"] = "tiny.en"  # English-only sessions
    voice_stt_url: str | None = None  # OpenAI-compatible /v1/audio/transcriptions base URL
    voice_stt_api_key: SecretStr | None = None
    voice_stt_model: str = "whisper-1"
    voice_tts_url: str | None = None  # OpenAI-compatible /v1/audio/speech base URL
    voice_tts_api_key: SecretStr | None = None
    voice_tts_model: str = "tts-1"
    voice_tts_voice: str = "alloy"
    voice_use_llm: bool = False  # let the LLM_* model phrase replies and read intents
    voice_ice_servers: list[str] = Field(default_factory=list)  # e.g. ["stun:stun.example:3478"]
    voice_token_ttl_s: int = Field(300, ge=10, le=3600)

    # --- live view, takeover and recordings ---
    live_token_ttl_s: int = Field(300, ge=10, le=86400)  # default life of a one-time live URL
    live_jpeg_quality: int = Field(60, ge=10, le=100)
    live_max_width: int = Field(1024, ge=160, le=3840)
    live_max_height: int = Field(768, ge=120, le=2160)
    # A viewer that stops sending keep-alives is forgotten after this (a crashed API node).
    live_viewer_stale_s: float = Field(15.0, gt=0)
    takeover_timeout_s: float = Field(600.0, gt=0)  # how long a person may hold a job
    takeover_timeout_action: Literal["resume", "fail"] = "resume"
    # A screenshot at every step and the page at failure, under DATA_DIR/artifacts/<job_id>/.
    artifacts_enabled: bool = True
    artifacts_screenshot_quality: int = Field(50, ge=10, le=100)
    # Playwright trace zip: never, for failed jobs only, or for every job.
    artifacts_trace: Literal["off", "on_failure", "always"] = "on_failure"

    # --- logs ---
    log_level: str = "INFO"
    log_format: Literal["json", "console"] | None = None  # None: console in dev, json otherwise

    @field_validator("trafikverket_base_url", "forms_base_url")
    @classmethod
    def _strip_slash(cls, value: str) -> str:
        return value.rstrip("/")

    @model_validator(mode="after")
    def _require_admin_token_outside_dev(self) -> Settings:
        if self.env != "dev" and not self.api_secret_token:
            raise ValueError("API_SECRET_TOKEN must be set unless ENV=dev")
        return self

    @model_validator(mode="after")
    def _redis_for_scale_out(self) -> Settings:
        if (self.job_queue == "saq" or self.event_bus == "redis") and not self.redis_url:
            raise ValueError("JOB_QUEUE=saq and EVENT_BUS=redis need REDIS_URL")
        return self

    @property
    def effective_event_bus(self) -> Literal["memory", "redis"]:
        """Workers in other processes publish a job's events: a shared queue needs a shared bus."""
        return "redis" if self.job_queue == "saq" else self.event_bus

    @cached_property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{self.data_dir / 'gofer.db'}"

    @cached_property
    def effective_browser_executable(self) -> str:
        if self.browser_executable:
            return self.browser_executable
        shell = Path("/usr/bin/chromium-headless-shell")
        if self.browser_headless and shell.exists():
            return str(shell)
        return "/usr/bin/chromium"

    @cached_property
    def effective_public_base_url(self) -> str:
        if self.public_base_url:
            return self.public_base_url.rstrip("/")
        return f"http://{self.host}:{self.port}"

    @cached_property
    def effective_log_format(self) -> str:
        return self.log_format or ("console" if self.env == "dev" else "json")

    @cached_property
    def artifacts_dir(self) -> Path:
        """Per-job files (screenshots, traces): artifacts_dir / <job_id> / ..."""
        return self.data_dir / "artifacts"

    @cached_property
    def effective_voice_models_dir(self) -> Path:
        return self.voice_models_dir or self.data_dir / "voice-models"
