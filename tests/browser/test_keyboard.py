"""A reader with a keyboard alone (Tab, Shift+Tab, Enter, Space, and typing): the skip link, a
focus that can always be seen, no trap, and a signature from the campaign page to its thanks."""

import time
from urllib.parse import urlsplit

import pytest

from campaigns.forms import MIN_FILL_SECONDS
from campaigns.models import Signup
from tests.helpers import make_campaign

pytestmark = pytest.mark.django_db(transaction=True)

LANGUAGES = ("ar", "en")
MOST_PRESSES = 150  # more focus stops than any page has: reaching it means focus is trapped
FOCUS_CONTRAST = 3  # WCAG 1.4.11: a focus indicator against what is next to it

# The focused element, told apart from every other one, and what shows where the focus is: the
# outline's or the box shadow's colour, against the first background behind the element.
FOCUSED = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  const paint = value => value && !/^(transparent|rgba\\(.*,\\s*0\\))$/.test(value);
  let background = null;
  for (let node = element.parentElement; node && !background; node = node.parentElement) {
    const colour = getComputedStyle(node).backgroundColor;
    if (paint(colour)) background = colour;
  }
  const box = element.getBoundingClientRect();
  return {
    index: [...document.querySelectorAll("*")].indexOf(element),
    name: element.tagName.toLowerCase() + (element.id ? "#" + element.id : "")
      + [...element.classList].map(name => "." + name).join(""),
    text: (element.textContent || element.value || "").trim().slice(0, 40),
    body: element === document.body,
    inMain: Boolean(element.closest("main")),
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0
      ? style.outlineColor : null,
    shadow: style.boxShadow !== "none" ? style.boxShadow : null,
    background: background || "rgb(255, 255, 255)",
    box: [box.left, box.top, box.right, box.bottom],
    window: [window.innerWidth, window.innerHeight, document.documentElement.scrollWidth],
  };
}"""


def focused(page):
    return page.evaluate(FOCUSED)


def press(page, key):
    page.keyboard.press(key)
    return focused(page)


def rgb(colour):
    """(r, g, b) of a computed colour "rgb(…)" or "rgba(…)"."""
    channels = colour[colour.index("(") + 1 : colour.index(")")].replace(",", " ").split()
    return tuple(float(channel) for channel in channels[:3])


def contrast(first, second):
    def luminance(colour):
        linear = [
            c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
            for c in (channel / 255 for channel in rgb(colour))
        ]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def indicator_problem(element):
    """Why the focus on `element` cannot be seen, or None."""
    left, top, right, bottom = element["box"]
    width, _height, page_width = element["window"]
    if right <= 0 or left >= max(width, page_width) or right - left < 1 or bottom - top < 1:
        return f"focus on something off the page or without size at {element['box']}"
    colour = element["outline"]
    if colour is None and element["shadow"]:
        shadow = element["shadow"]
        colour = shadow[shadow.index("rgb") : shadow.index(")") + 1] if "rgb" in shadow else None
    if colour is None:
        return "no outline and no box shadow"
    ratio = contrast(colour, element["background"])
    if ratio < FOCUS_CONTRAST:
        return f"indicator {colour} on {element['background']}: contrast {ratio:.2f} < 3"
    return None


def tab_to(page, selector):
    """Tab forward until `selector` has the focus; the focused element."""
    for _ in range(MOST_PRESSES):
        if page.evaluate("selector => document.activeElement.matches(selector)", selector):
            return focused(page)
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def open_campaign(new_context, live_server, language, javascript=False, colour_scheme="light"):
    campaign = make_campaign()
    context = new_context(
        java_script_enabled=javascript,
        color_scheme=colour_scheme,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
    )
    page = context.new_page()
    page.goto(live_server.url + campaign.url_in(language))
    page.evaluate("() => document.fonts.ready.then(() => true)")
    return page


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_first_tab_shows_the_skip_link_and_enter_moves_on_to_the_content(
    new_context, live_server, language
):
    page = open_campaign(new_context, live_server, language)
    skip = press(page, "Tab")
    assert ".skip-link" in skip["name"], f"the first Tab focused {skip['name']}"
    left, top, right, bottom = skip["box"]
    width, height, _page_width = skip["window"]
    assert 0 <= left < right <= width and 0 <= top < bottom <= height, "not on the screen"
    on_top = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y)?.closest('.skip-link') !== null",
        [(left + right) / 2, (top + bottom) / 2],
    )
    assert on_top, "something covers the skip link"
    assert indicator_problem(skip) is None, indicator_problem(skip)

    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
    # The focus left the skip link for <main>: onto it (with tabindex="-1"), or at least the place
    # the next Tab starts from (Chromium's "sequential focus navigation starting point").
    assert ".skip-link" not in focused(page)["name"], "Enter left the focus on the skip link"
    after = press(page, "Tab")
    assert after["inMain"], f"after the skip link, Tab went to {after['name']} outside <main>"


@pytest.mark.parametrize("colour_scheme", ["light", "dark"])
@pytest.mark.parametrize("javascript", [False, True], ids=["js-off", "js-on"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_focus_is_always_visible_and_never_trapped(
    new_context, live_server, language, javascript, colour_scheme
):
    """Every stop of Tab through the page, then Shift+Tab all the way back: each shows where the
    focus is, and the keyboard leaves the page at both ends."""
    page = open_campaign(new_context, live_server, language, javascript, colour_scheme)
    forward = []
    for _ in range(MOST_PRESSES):
        element = press(page, "Tab")
        if element["body"]:
            break  # past the last stop: the focus left the page, as it should
        forward.append(element)
    else:
        raise AssertionError(f"Tab never left the page: trapped after {forward[-5:]}")
    names = [element["name"] for element in forward]
    for expected in ("#id_full_name", "#id_email", "#id_consent", "button"):
        assert any(expected in name for name in names), f"Tab never reached {expected}: {names}"
    problems = [
        f"{element['name']} «{element['text']}»: {problem}"
        for element in forward
        if (problem := indicator_problem(element))
    ]

    # Back from outside the page to the first stop (Chromium then wraps round to the last).
    backward = []
    for _ in range(len(forward)):
        backward.append(press(page, "Shift+Tab")["index"])
    if backward != [element["index"] for element in reversed(forward)]:
        problems.append(f"Shift+Tab does not go back the way Tab came: {backward}")
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_supporter_signs_with_the_keyboard_alone(new_context, live_server, language):
    page = open_campaign(new_context, live_server, language)
    shown_at = time.monotonic()
    tab_to(page, "#id_full_name")
    page.keyboard.type("Leila Ahmed" if language == "en" else "ليلى أحمد")
    tab_to(page, "#id_email")
    page.keyboard.type("leila@example.org")
    tab_to(page, "#id_consent")
    page.keyboard.press("Space")
    assert page.is_checked("#id_consent")
    submit = tab_to(page, ".signup-form [type=submit]")
    assert indicator_problem(submit) is None, indicator_problem(submit)
    time.sleep(max(0, MIN_FILL_SECONDS + 0.2 - (time.monotonic() - shown_at)))  # a person's pace
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path.endswith("/thanks/"), page.url
    signup = Signup.objects.get()
    assert (signup.email, signup.language, signup.consent_given_at is not None) == (
        "leila@example.org",
        language,
        True,
    )
