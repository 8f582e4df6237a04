"""Talk to Gofer: WebRTC voice sessions (Pipecat) with offline speech models by default."""
