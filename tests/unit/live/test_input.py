"""Viewer input: checked, then replayed where the person pointed, whatever the viewer's size."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from gofer.live.input import VIEWER_INPUT, cdp_call


def test_a_click_on_a_half_size_picture_lands_on_the_page_spot():
    event = VIEWER_INPUT.validate_python(
        {"type": "mouse", "action": "down", "x": 256, "y": 192, "view_w": 512, "view_h": 384}
    )
    method, params = cdp_call(event, 1024, 768)
    assert method == "Input.dispatchMouseEvent"
    assert params["type"] == "mousePressed" and (params["x"], params["y"]) == (512, 384)
    assert params["button"] == "left" and params["clickCount"] == 1


def test_keys_wheel_and_pasted_text_become_their_cdp_calls():
    key = VIEWER_INPUT.validate_python(
        {"type": "key", "action": "down", "key": "a", "code": "KeyA", "text": "a", "key_code": 65}
    )
    assert cdp_call(key, 1024, 768) == (
        "Input.dispatchKeyEvent",
        {
            "type": "keyDown",
            "key": "a",
            "code": "KeyA",
            "modifiers": 0,
            "windowsVirtualKeyCode": 65,
            "text": "a",
        },
    )
    escape = VIEWER_INPUT.validate_python({"type": "key", "action": "down", "key": "Escape"})
    assert cdp_call(escape, 1024, 768)[1]["type"] == "rawKeyDown"
    wheel = VIEWER_INPUT.validate_python(
        {"type": "wheel", "x": 10, "y": 10, "view_w": 100, "view_h": 100, "dy": 120}
    )
    assert cdp_call(wheel, 1000, 1000)[1] == {
        "type": "mouseWheel",
        "x": 100,
        "y": 100,
        "deltaX": 0,
        "deltaY": 120,
        "modifiers": 0,
    }
    text = VIEWER_INPUT.validate_python({"type": "text", "text": "Järfälla"})
    assert cdp_call(text, 1, 1) == ("Input.insertText", {"text": "Järfälla"})


@pytest.mark.parametrize(
    "bad",
    [
        {"type": "mouse", "action": "down", "x": -1, "y": 0, "view_w": 10, "view_h": 10},
        {"type": "mouse", "action": "down", "x": 1, "y": 0, "view_w": 0, "view_h": 10},
        {"type": "text", "text": "x" * 2001},
        {"type": "key", "action": "down", "key": ""},
        {"type": "script", "code": "alert(1)"},
    ],
)
def test_out_of_bounds_input_is_refused(bad):
    with pytest.raises(ValidationError):
        VIEWER_INPUT.validate_python(bad)
