"""Typed views of decoded JSON (``json.loads`` returns ``Any``)."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, cast


def as_dict(value: Any) -> Optional[Dict[str, Any]]:
    """``value`` when it is a JSON object, else ``None``."""
    return cast(Dict[str, Any], value) if isinstance(value, dict) else None


def as_list(value: Any) -> List[Any]:
    """``value`` when it is a JSON array, else ``[]``."""
    return cast(List[Any], value) if isinstance(value, list) else []
