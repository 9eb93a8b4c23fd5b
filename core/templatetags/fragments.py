"""{% fragment parts name %}…{% endfragment %}: the part `name` of a page kept between requests,
when the view passed `parts` (a core.fragments.Fragments naming it); rendered as usual otherwise
(a preview, a page that keeps nothing)."""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) != 3:
        raise template.TemplateSyntaxError("{% fragment parts name %}: the parts and a name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(parser.compile_filter(bits[1]), parser.compile_filter(bits[2]), nodelist)


class FragmentNode(template.Node):
    def __init__(self, parts, name, nodelist):
        self.parts, self.name, self.nodelist = parts, name, nodelist

    def render(self, context):
        parts, name = self.parts.resolve(context), self.name.resolve(context)
        if not parts or name not in parts.keys:
            return self.nodelist.render(context)
        if name in parts.found:
            return mark_safe(parts.found[name])  # noqa: S308 (made by this template)
        html = self.nodelist.render(context)
        parts.keep(name, html)
        return html
