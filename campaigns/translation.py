from modeltranslation.translator import TranslationOptions, register

from campaigns.models import Campaign


@register(Campaign)
class CampaignTranslationOptions(TranslationOptions):
    fields = (
        "title",
        "slug",
        "summary",
        "body",
        "hero_alt",
        "button_label",
        "consent_text",
        "thank_you_text",
    )
    empty_values = None
