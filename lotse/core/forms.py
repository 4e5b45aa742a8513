"""Form helpers: KERN UX classes, accessible error wiring, domain errors onto fields."""

from django import forms

from lotse.organisations.rules import RuleViolation


class KernFormMixin:
    """Adds KERN classes and ARIA attributes to every widget of the form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "kern-form-check__checkbox"
            elif isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                css = ""
            elif isinstance(widget, forms.Select):
                css = "kern-form-input__select"
            else:
                css = "kern-form-input__input"
            if css:
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
            if self.is_bound and name in self.errors:
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["class"] += f" {css}--error" if css else ""
                widget.attrs["aria-describedby"] = f"id_{self.add_prefix(name)}_error"
            elif field.help_text:
                widget.attrs["aria-describedby"] = f"id_{self.add_prefix(name)}_hint"

    def add_rule_violation(self, violation: RuleViolation) -> None:
        field = violation.field if violation.field in self.fields else None
        self.add_error(field, violation.message)
        if field:
            widget = self.fields[field].widget
            widget.attrs["aria-invalid"] = "true"
            widget.attrs["aria-describedby"] = f"id_{self.add_prefix(field)}_error"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")
