"use strict";
// Language tabs (made by modeltranslation's script) holding a field with an error get the class
// ui-tab-has-errors and a red dot; add words, so a screen reader says it and colour is not all.
(() => {
  function mark() {
    const texts = document.getElementById("article-form-texts");
    const label = texts ? texts.dataset.tabError : "(error)";
    for (const link of document.querySelectorAll(".ui-tab-has-errors > a")) {
      if (link.querySelector(".tab-error-text")) continue;
      const text = document.createElement("span");
      text.className = "tab-error-text";
      text.textContent = ` ${label}`;
      link.append(text);
    }
  }

  // The tabs are made in a jQuery ready handler: one registered later runs after it.
  if (window.django && typeof django.jQuery === "function") django.jQuery(mark);
  else window.addEventListener("load", mark);
})();
