"""Local replica of Trafikverket's "Boka prov" driving-test booking site."""

from .app import create_trafikverket_app, replica_state
from .config import ReplicaConfig
from .state import ReplicaState

__all__ = ["ReplicaConfig", "ReplicaState", "create_trafikverket_app", "replica_state"]
