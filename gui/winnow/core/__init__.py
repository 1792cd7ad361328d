"""Plain data shared by readers, rules, the cleaner and the exporters (no Qt here, nor anywhere in the engine)."""

from winnow.core.model import Cleaned, Document, Family, Problem, Removal

__all__ = ["Cleaned", "Document", "Family", "Problem", "Removal"]
