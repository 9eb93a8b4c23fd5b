// django-prose-editor's menu in the admin's language.
//
// The library writes its menu's words in English ("Heading 2", "Paragraph", the buttons' tooltips)
// and passes only its dialogs through `gettext`. This module replaces its Menu extension (loaded
// for every editor through DJANGO_PROSE_EDITOR_EXTENSIONS in newsroom/settings.py) with one that
// looks each item's label up in Django's JavaScript catalogue, which every admin form loads
// (admin:jsi18n: Django's strings and locale/<lang>/LC_MESSAGES/djangojs.po). A label the
// catalogue lacks stays the library's English.
//
// The labels, as msgids of djangojs.po: "Heading 2", "Heading 3", "Heading 4", "Paragraph",
// "unordered list", "ordered list", "blockquote", "bold", "italic", "insert link", "remove link",
// "undo", "redo".
import { Menu as LibraryMenu } from "django-prose-editor/editor";

const translate = (text) => (typeof window.gettext === "function" ? window.gettext(text) : text);

// A dropdown item's option shows its label ("Heading 2") while its button, shown once chosen,
// has the same label in lower case ("heading 2") as a tooltip: both take the option's.
function translateLabels(item) {
  const label = item.option?.textContent || item.button?.title;
  if (!label) {
    return;
  }
  const translated = translate(label);
  if (item.option) {
    item.option.textContent = translated;
  }
  if (item.button?.title) {
    item.button.title = translated;
    item.button.setAttribute("aria-label", translated);
  }
}

export const Menu = LibraryMenu.extend({
  addStorage() {
    const storage = this.parent();
    const { menu } = storage;
    const defineItem = menu.defineItem;
    menu.defineItem = (item) => {
      translateLabels(item);
      return defineItem.call(menu, item);
    };
    return storage;
  },
});
