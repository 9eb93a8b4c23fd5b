// The language switch modeltranslation puts beside a form's title shows the language its tabs
// really show.
//
// modeltranslation opens every field on the tab of the admin's language (English in the English
// admin), but its switch starts on the first language (Arabic) whatever the tabs show, and follows
// the last tab clicked even while the other fields stay on another language. Here it shows the
// language all the fields show, and nothing while they differ (one field clicked to the other
// language, or opened there because it has an error); choosing one still moves them all.
"use strict";
django.jQuery(($) => {
  // This file is deferred (core.admin.ContentDirectionAdmin.Media), so this runs after the ready
  // handler of modeltranslation's script, which made the switch and the tabs.
  const $switch = $("#modeltranslation-main-switch");
  if (!$switch.length) {
    return;
  }
  if (typeof gettext === "function") {
    $switch.attr("aria-label", gettext("Language of the translated fields"));
  }

  function showActiveLanguage() {
    const active = new Set(
      $(".ui-tabs")
        .filter((_index, tabs) => $(tabs).find(".mt").length > 0)
        .map((_index, tabs) => $(tabs).tabs("option", "active"))
        .get(),
    );
    $switch.prop("selectedIndex", active.size === 1 ? [...active][0] : -1);
  }

  showActiveLanguage();
  // Once the tab's own handler has set the switch to the tab just opened, and once the switch has
  // moved every field: its handler reads the switch's value before moving each one.
  $(document).on("tabsactivate", () => queueMicrotask(showActiveLanguage));
});
