"""Local replicas of the five VPBank bank forms (loan, CRM, HR, compliance, operations)."""

from gofer.replicas.vpbank.app import create_vpbank_app
from gofer.replicas.vpbank.catalog import FORMS, FieldSpec, FormSpec
from gofer.replicas.vpbank.config import FormsReplicaConfig

__all__ = ["FORMS", "FieldSpec", "FormSpec", "FormsReplicaConfig", "create_vpbank_app"]
