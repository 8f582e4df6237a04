"""What a viewer may send: mouse, wheel, keys and pasted text, checked, then turned into CDP calls.

Coordinates arrive in the viewer's own picture size (`view_w` x `view_h`) and are scaled to the
page's CSS pixels, so any size of viewer clicks where the person pointed.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, TypeAdapter

Coordinate = Annotated[float, Field(ge=0, le=100_000)]
ViewSize = Annotated[float, Field(gt=0, le=100_000)]
Modifiers = Annotated[int, Field(ge=0, le=15)]  # Alt=1, Ctrl=2, Meta=4, Shift=8

MOUSE_TYPES = {"down": "mousePressed", "up": "mouseReleased", "move": "mouseMoved"}


class MouseInput(BaseModel):
    type: Literal["mouse"]
    action: Literal["down", "up", "move"]
    x: Coordinate
    y: Coordinate
    view_w: ViewSize
    view_h: ViewSize
    button: Literal["left", "middle", "right", "none"] = "left"
    clicks: int = Field(1, ge=0, le=3)
    modifiers: Modifiers = 0


class WheelInput(BaseModel):
    type: Literal["wheel"]
    x: Coordinate
    y: Coordinate
    view_w: ViewSize
    view_h: ViewSize
    dx: float = Field(0, ge=-10_000, le=10_000)
    dy: float = Field(0, ge=-10_000, le=10_000)
    modifiers: Modifiers = 0


class KeyInput(BaseModel):
    type: Literal["key"]
    action: Literal["down", "up"]
    key: str = Field(..., min_length=1, max_length=32)
    code: str = Field("", max_length=32)
    text: str = Field("", max_length=4)
    key_code: int = Field(0, ge=0, le=255)
    modifiers: Modifiers = 0


class TextInput(BaseModel):
    type: Literal["text"]
    text: str = Field(..., min_length=1, max_length=2000)


ViewerInput = Annotated[MouseInput | WheelInput | KeyInput | TextInput, Field(discriminator="type")]
VIEWER_INPUT: TypeAdapter[MouseInput | WheelInput | KeyInput | TextInput] = TypeAdapter(ViewerInput)
INPUT_TYPES = frozenset({"mouse", "wheel", "key", "text"})


def cdp_call(
    event: MouseInput | WheelInput | KeyInput | TextInput, css_width: int, css_height: int
) -> tuple[str, dict[str, Any]]:
    """The CDP method and parameters that replay this input on a page of the given CSS size."""
    if isinstance(event, TextInput):
        return "Input.insertText", {"text": event.text}
    if isinstance(event, KeyInput):
        kind = "keyUp" if event.action == "up" else ("keyDown" if event.text else "rawKeyDown")
        params: dict[str, Any] = {
            "type": kind,
            "key": event.key,
            "code": event.code,
            "modifiers": event.modifiers,
            "windowsVirtualKeyCode": event.key_code,
        }
        if event.text and event.action == "down":
            params["text"] = event.text
        return "Input.dispatchKeyEvent", params
    x = min(event.x, event.view_w) * css_width / event.view_w
    y = min(event.y, event.view_h) * css_height / event.view_h
    if isinstance(event, WheelInput):
        return "Input.dispatchMouseEvent", {
            "type": "mouseWheel",
            "x": x,
            "y": y,
            "deltaX": event.dx,
            "deltaY": event.dy,
            "modifiers": event.modifiers,
        }
    return "Input.dispatchMouseEvent", {
        "type": MOUSE_TYPES[event.action],
        "x": x,
        "y": y,
        "button": event.button,
        "clickCount": event.clicks if event.action != "move" else 0,
        "modifiers": event.modifiers,
    }
