"""Arguments a new user gets wrong fail where they are written, with a message saying what is
accepted: unknown keywords, non-bool flags, timeouts past the browser's timer, heights that
are not one CSS length, and JSON values the browser would not get intact."""

from __future__ import annotations

import re
from typing import Any

import ipywidgets
import pytest

from microfrontends import Dashboard, GlobalState, MicroApp, Tabs
from microfrontends.json_values import MAX_DEPTH, JsonLimitError, check_json

HTML = "<p>x</p>"
TIMER_LIMIT = "2147483.647 seconds"


# -- unknown keywords ------------------------------------------------------------------


def test_a_misspelt_keyword_of_microapp_is_named_with_the_accepted_ones() -> None:
    with pytest.raises(TypeError) as raised:
        MicroApp("app/", sandox="proxy")
    message = str(raised.value)
    assert "unexpected keyword argument 'sandox' (did you mean 'sandbox'?)" in message
    assert "it takes: entry, html, name, props, state, sandbox, css, transport, height" in message
    assert message.endswith("embed_limit, layout, tooltip, tabbable")


def test_several_unknown_keywords_are_all_named() -> None:
    with pytest.raises(TypeError, match=r"keyword arguments 'colour', 'size'; it takes: entry"):
        MicroApp(html=HTML, colour="red", size=3)


def test_internal_traits_are_not_keywords() -> None:
    with pytest.raises(TypeError, match="unexpected keyword argument '_embedded'"):
        MicroApp(html=HTML, _embedded={"files": {}})


def test_ipywidgets_options_still_pass_through() -> None:
    app = MicroApp(html=HTML, layout=ipywidgets.Layout(width="50%"), tooltip="orders")
    assert (app.layout.width, app.tooltip) == ("50%", "orders")
    app.close()


def test_a_misspelt_keyword_of_global_state_is_named() -> None:
    with pytest.raises(
        TypeError,
        match=r"GlobalState\(\) got an unexpected keyword argument "
        r"'foo'; it takes: initial",
    ):
        GlobalState({"a": 1}, foo=1)
    with pytest.raises(TypeError, match=r"'intial' \(did you mean 'initial'\?\)"):
        GlobalState(intial={"a": 1})


# -- flags are real bools --------------------------------------------------------------

FLAGS = ("keep_alive", "sync_route", "prefetch", "embed")


@pytest.mark.parametrize("flag", FLAGS)
@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("no", "str ('no')"),
        ("False", "str ('False')"),
        (0, "int (0)"),
        (1, "int (1)"),
        (None, "NoneType (None)"),
        ([], "list ([])"),
    ],
)
def test_flags_must_be_true_or_false(flag: str, value: object, shown: str) -> None:
    message = f"{flag} must be True or False, not {shown}"
    with pytest.raises(TypeError, match=f"^{re.escape(message)}$"):
        MicroApp(html=HTML, **{flag: value})


@pytest.mark.parametrize("flag", [flag for flag in FLAGS if flag != "embed"])
def test_later_flag_assignments_are_checked_the_same_way(flag: str) -> None:
    app = MicroApp(html=HTML)
    for value in ("no", 1):
        with pytest.raises(TypeError, match=f"{flag} must be True or False, not"):
            setattr(app, flag, value)
        assert getattr(app, flag) is False
    setattr(app, flag, True)
    assert getattr(app, flag) is True
    app.close()


# -- lifecycle_timeout within the browser's timer ---------------------------------------


@pytest.mark.parametrize("seconds", [1e9, 30 * 86400, 2147483.648])
def test_a_timeout_past_the_browsers_timer_is_refused(seconds: float) -> None:
    with pytest.raises(
        ValueError,
        match=rf"lifecycle_timeout={seconds!r} is past the "
        rf"browser's limit of {TIMER_LIMIT}",
    ):
        MicroApp(html=HTML, lifecycle_timeout=seconds)


def test_a_later_timeout_past_the_limit_is_refused_and_long_ones_within_it_kept() -> None:
    app = MicroApp(html=HTML, lifecycle_timeout=10 * 86400)
    assert app.lifecycle_timeout == 864000.0
    with pytest.raises(ValueError, match=f"past the browser's limit of {TIMER_LIMIT}"):
        app.lifecycle_timeout = 1e9
    assert app.lifecycle_timeout == 864000.0
    app.lifecycle_timeout = 2147483.647  # the limit itself
    assert app.lifecycle_timeout == 2147483.647
    app.close()


# -- heights are one CSS length ---------------------------------------------------------

VALID_HEIGHTS = [
    (400, "400px"),
    (250.5, "250.5px"),
    ("400px", "400px"),
    (" 50vh ", "50vh"),
    ("30em", "30em"),
    ("100%", "100%"),
    ("1.5rem", "1.5rem"),
    ("80dvh", "80dvh"),
    ("auto", "auto"),
    ("calc(100vh - 80px)", "calc(100vh - 80px)"),
    ("min(600px, 80vh)", "min(600px, 80vh)"),
    ("clamp(200px, 50vh, 800px)",) * 2,
    ("calc((100% - 2 * 8px) / 3)",) * 2,
    ("max(10px, calc(50% - 3rem))",) * 2,
]

INVALID_HEIGHTS = [
    ("red; background: url(x)", "'red; background: url' is not part of a CSS length"),
    ("1e5", r"1e5 has no unit; did you mean '1e5px'\?"),
    ("400", r"400 has no unit; did you mean '400px'\?"),
    ("calc(", "it ends in the middle of an expression"),
    ("calc(100vh - 80px", "a parenthesis is not closed"),
    ("url(x.png)", r"url\(\) is not accepted"),
    ("50vh !important", "'!important' is not part"),
    ("'50vh'", "is not part of a CSS length"),
    ("50vh; color: red", "';' is not part|'; color: red' is not part"),
    ("10px 20px", "not one length"),
    ("10 px", "'px' is not part"),
    ("10parsecs", "'parsecs' is not a CSS unit"),
    ("0px", "a length must be positive"),
    ("calc(100%-10px)", "'-' needs a space on each side"),
    ("calc(100% -10px)", "'-' needs a space on each side"),
    ("calc(100 - 10px)", "'-' joins a length and a plain number"),
    ("calc(2 * 3)", r"calc\(\) gives a plain number"),
    ("calc(10px * 5px)", "needs a plain number"),
    ("clamp(1px, 2px)", r"clamp\(\) takes 3 argument"),
    ("calc(1px) calc(2px)", r"'calc\(' follows the calc\(\)"),
    ("calc(" + "(" * 40 + "1px" + ")" * 41, "nests more than 16 parentheses"),
    ("{}", "is not part of a CSS length"),
]
EXAMPLE = r"give pixels \(400\), one length such as '400px'"


@pytest.mark.parametrize(("height", "kept"), VALID_HEIGHTS)
def test_css_lengths_are_accepted(height: object, kept: str) -> None:
    assert MicroApp(html=HTML, height=height).height == kept


@pytest.mark.parametrize(("height", "reason"), INVALID_HEIGHTS)
def test_heights_that_are_not_one_css_length_are_refused(height: str, reason: str) -> None:
    with pytest.raises(
        ValueError, match=re.escape(f"height={height!r} is not a CSS length (")
    ) as raised:
        MicroApp(html=HTML, height=height)
    assert re.search(reason, str(raised.value))
    assert re.search(EXAMPLE, str(raised.value))


@pytest.mark.parametrize(("height", "reason"), INVALID_HEIGHTS[:4])
def test_later_heights_are_checked_the_same_way(height: str, reason: str) -> None:
    app = MicroApp(html=HTML, height=300)
    with pytest.raises(ValueError, match=reason):
        app.height = height
    assert app.height == "300px"
    app.height = "calc(100vh - 80px)"
    assert app.height == "calc(100vh - 80px)"
    app.close()


def test_layout_heights_are_checked() -> None:
    slider = ipywidgets.IntSlider()
    with pytest.raises(ValueError, match="height='red; x' is not a CSS length"):
        Dashboard({"a": slider}, areas=["a"], height="red; x")
    with pytest.raises(ValueError, match=r"height='400' is not a CSS length .*'400px'"):
        Tabs({"a": slider}, height="400")
    assert Dashboard({"a": slider}, areas=["a"], height=600).layout.height == "600px"
    assert (
        Dashboard({"a": slider}, areas=["a"], height="calc(100vh - 40px)").layout.height
        == "calc(100vh - 40px)"
    )
    app = MicroApp(html=HTML)
    Tabs({"a": app}, height="min(500px, 70vh)")
    assert app.height == "min(500px, 70vh)"


# -- JSON the browser gets intact -------------------------------------------------------


def nested(depth: int) -> Any:
    """``depth`` lists, one inside the other, around a 1 (``nested(2) == [[1]]``)."""
    value: Any = 1
    for _ in range(depth):
        value = [value]
    return value


def test_nesting_past_the_limit_names_where() -> None:
    check_json(nested(MAX_DEPTH), "props")
    check_json({"a": nested(MAX_DEPTH - 1)}, "props")
    with pytest.raises(
        JsonLimitError,
        match=r"^props\['a'\]" + r"\[0\]" * 99 + r" is nested deeper than 100 levels",
    ):
        check_json({"a": nested(MAX_DEPTH)}, "props")


@pytest.mark.parametrize("where", ["props", "state", "event", "later props"])
def test_a_very_deep_value_gives_the_clear_error_not_recursion_error(where: str) -> None:
    deep = nested(10_000)
    app = MicroApp(html=HTML)
    state = GlobalState()
    act = {
        "props": lambda: MicroApp(html=HTML, props={"tree": deep}),
        "state": lambda: state.update(tree=deep),
        "event": lambda: app.emit("tree", deep),
        "later props": lambda: app.set_props(tree=deep),
    }[where]
    with pytest.raises(ValueError, match="is nested deeper than 100 levels"):
        act()
    assert state.value == {} and app.props == {}
    app.close()


@pytest.mark.parametrize("number", [2**53, 2**53 + 1, -(2**53), 10**20])
def test_integers_javascript_would_change_are_refused(number: int) -> None:
    with pytest.raises(
        ValueError,
        match=rf"^props\['a'\]\[0\] is {number}, past JavaScript's "
        r"safe integers .* send it as a str or a float$",
    ):
        MicroApp(html=HTML, props={"a": [number]})
    state = GlobalState()
    with pytest.raises(ValueError, match=rf"state\['id'\] is {number}, past"):
        state["id"] = number
    with pytest.raises(ValueError, match=rf"the payload of event 'x'\['n'\] is {number}"):
        state.emit("x", {"n": number})


def test_safe_integers_and_big_floats_are_accepted_up_to_the_limit() -> None:
    check_json([2**53 - 1, -(2**53 - 1), 2.0**60, 1e300, True], "props")
    with pytest.raises(ValueError, match=r"props\[1\] is 9007199254740992, past"):
        check_json([2**53 - 1, 2**53], "props")


def test_limit_errors_are_type_errors_too() -> None:
    """Code that catches the TypeError of non-JSON values (GlobalState's patches from the
    browser) catches these too."""
    for value in (nested(MAX_DEPTH + 1), 2**60):
        with pytest.raises(TypeError):
            check_json(value, "x")


def test_a_browser_patch_past_the_limits_is_refused_and_resynced(sent: list) -> None:
    state = GlobalState({"x": 0})
    state._on_message(
        state,
        {
            "kind": "mf:state-patch",
            "client": "p1",
            "batch": 1,
            "changes": [["app", {"x": nested(MAX_DEPTH + 1)}, []]],
        },
        [],
    )
    assert state.value == {"x": 0}
    assert sent[-1]["full"] == {"x": 0}  # the page is told to take Python's state back
