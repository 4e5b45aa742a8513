"""Form helpers: KERN UX classes, accessible error wiring, domain errors onto fields."""

from django import forms

from lotse.kernel.errors import RuleViolation


class KernFormMixin:
    """Adds KERN classes and ARIA attributes to every widget of the form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            css = self._widget_class(widget)
            if css:
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
            if field.help_text:
                widget.attrs["aria-describedby"] = f"id_{self.add_prefix(name)}_hint"

    @staticmethod
    def _widget_class(widget) -> str:
        if isinstance(widget, forms.CheckboxInput):
            return "kern-form-check__checkbox"
        if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
            return ""
        if isinstance(widget, forms.Select):
            return "kern-form-input__select"
        return "kern-form-input__input"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            self._mark_invalid(name)

    def _mark_invalid(self, name: str) -> None:
        if name not in self.fields:
            return
        widget = self.fields[name].widget
        css = self._widget_class(widget)
        widget.attrs["aria-invalid"] = "true"
        if css and f"{css}--error" not in widget.attrs.get("class", ""):
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}--error".strip()
        widget.attrs["aria-describedby"] = f"id_{self.add_prefix(name)}_error"

    def add_rule_violation(self, violation: RuleViolation) -> None:
        field = violation.field if violation.field in self.fields else None
        self.add_error(field, violation.message)
        if field:
            self._mark_invalid(field)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")
