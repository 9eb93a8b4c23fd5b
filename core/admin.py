from js_asset import Script
from modeltranslation.admin import TabbedTranslationAdmin

from core.languages import direction


class ContentDirectionAdmin(TabbedTranslationAdmin):
    """Tabbed translation admin whose fields are typed in their content's direction.

    modeltranslation only adds an `mt-bidi` class; an Arabic field must be right-to-left (and an
    English one left-to-right) whatever the admin's own UI language is.
    """

    class Media:
        # Deferred, so it runs after modeltranslation's tabs script wherever the merged media put
        # it: its language switch then shows what the tabs show.
        js = (Script("js/admin-language-tabs.js", defer=True),)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        language = getattr(db_field, "language", None)  # set on modeltranslation's fields only
        if formfield is not None and language:
            formfield.widget.attrs.update(lang=language, dir=direction(language))
        return formfield
