"""Alert triage (L3): the monitoring engine's alerts in an agency's queue; assign, comment,
dismiss (four eyes above a score), escalate into a case."""

from counterflow.alerts.models import AlertComment, TriageAlert
from counterflow.alerts.ports import TransactionLookup
from counterflow.alerts.service import (
    HIGH_SCORE,
    assign,
    comment,
    decide_dismissal,
    dismiss,
    escalate,
    get_alert,
    import_alerts,
    queue,
)

__all__ = [
    "HIGH_SCORE",
    "AlertComment",
    "TransactionLookup",
    "TriageAlert",
    "assign",
    "comment",
    "decide_dismissal",
    "dismiss",
    "escalate",
    "get_alert",
    "import_alerts",
    "queue",
]
