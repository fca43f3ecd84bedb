"""The one form kit: Bootstrap styling, date widgets and the lean select of the filters."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join

INVALID_DATE = "Ange datumet som ÅÅÅÅ-MM-DD, till exempel 2030-03-20."


class StyledFormMixin:
    """Bootstrap classes on every widget, the invalid style on fields with errors and the date
    format in date errors; Django ties errors and help texts to the fields with
    aria-describedby and marks invalid ones with aria-invalid.

    `choice_class` styles radio buttons and checkboxes: "choice-list" for the app's own lists,
    "form-check-input" for forms whose templates lay out each choice Bootstrap's way.
    """

    choice_class = "choice-list"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_fields()

    def style_fields(self):
        """Style every field; call again after adding fields."""
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.error_messages["invalid"] = INVALID_DATE
            widget = field.widget
            css_class = self.widget_class(widget)
            classes = widget.attrs.get("class", "").split()
            if not isinstance(widget, forms.HiddenInput) and css_class not in classes:
                widget.attrs["class"] = " ".join([*classes, css_class])

    def widget_class(self, widget):
        if isinstance(widget, (forms.CheckboxSelectMultiple, forms.RadioSelect)):
            # Django puts the class on the list's wrapper as well as on each input.
            return self.choice_class
        if isinstance(widget, forms.CheckboxInput):
            return "form-check-input"
        if isinstance(widget, forms.Select):
            return "form-select"
        return "form-control"

    def add_error(self, field, error):
        super().add_error(field, error)
        for name in self.errors:
            attrs = self.fields[name].widget.attrs if name in self.fields else None
            if attrs is not None and "is-invalid" not in attrs.get("class", ""):
                attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()


class FilterForm(StyledFormMixin, forms.Form):
    pass


class SharedChoices(tuple):
    """Choices built for one request and never changed: the copies Django makes of a form's
    fields share them instead of copying hundreds of pairs."""

    def __deepcopy__(self, memo):
        return self


class LeanSelect(forms.Select):
    """A select of plain (value, label) choices rendered in Python, with Django's markup.

    Django renders every option through templates of its own; a filter listing a
    municipality's hundreds of audits then costs more than all the page's queries.
    """

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(chosen) for chosen in self.format_value(value)}
        options = format_html_join(
            "\n",
            '  <option value="{}"{}>{}</option>',
            ((choice, " selected" if str(choice) in selected else "", label) for choice, label in self.choices),
        )
        return format_html(
            '<select name="{}"{}>\n{}\n</select>', name, flatatt(self.build_attrs(self.attrs, attrs)), options
        )


def date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def textarea(rows):
    return forms.Textarea(attrs={"rows": rows})
