"""Talk to Gofer: WebRTC voice sessions (Pipecat) with offline speech models by default."""

import sys

from loguru import logger

# Pipecat logs with loguru at DEBUG, transcripts included: keep only its warnings, and set that
# before any Pipecat module is imported (they log on import).
logger.remove()
logger.add(sys.stderr, level="WARNING")
