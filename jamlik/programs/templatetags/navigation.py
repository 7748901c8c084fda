from django import template

from jamlik.programs.navigation import program_nav

register = template.Library()


@register.inclusion_tag("_program_nav.html")
def program_navigation(access, current=None):
    return program_nav(access, current)
