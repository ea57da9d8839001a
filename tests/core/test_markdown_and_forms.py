from abierto.core.markdown import render_markdown


def test_markdown_renders_headings_lists_and_links():
    html = render_markdown(
        "## Pilares\n\n- Transparencia\n- [OGP](https://www.opengovpartnership.org)"
    )
    assert "<h2>Pilares</h2>" in html
    assert "<li>Transparencia</li>" in html
    assert 'href="https://www.opengovpartnership.org"' in html
    assert 'rel="noopener noreferrer"' in html


def test_markdown_cannot_inject_script():
    html = render_markdown(
        "<script>alert(1)</script>\n\n"
        "[clic](javascript:alert(2))\n\n"
        '<img src=x onerror="alert(3)">\n\n'
        '<a href="#" onclick="alert(4)">a</a>\n\n'
        "<iframe src='https://malo.example'></iframe>"
    )
    lowered = html.lower()
    for needle in ("<script", "javascript:", "onerror", "onclick", "<iframe", "alert(1)"):
        assert needle not in lowered


def test_service_errors_land_on_their_field_or_on_top():
    from django import forms
    from django.core.exceptions import ValidationError

    from abierto.core.forms import add_service_errors

    class Form(forms.Form):
        slug = forms.CharField()

    form = Form({"slug": "ocupado"})
    assert form.is_valid()
    add_service_errors(form, ValidationError({"slug": "Ya existe.", "otro": "Regla general."}))
    add_service_errors(form, ValidationError("Ya no se puede."))
    assert form.errors["slug"] == ["Ya existe."]
    assert form.non_field_errors() == ["Regla general.", "Ya no se puede."]
    assert form.data["slug"] == "ocupado"


def test_labels_read_alike_in_forms_and_filters_and_errors_have_single_punctuation():
    from django import forms
    from django.template import Context, Template

    class F(forms.Form):
        provincia = forms.CharField(label="Provincia")
        consent = forms.BooleanField(label="Acepto el aviso de privacidad.")

    form = F({})
    form.is_valid()
    html = str(form["provincia"].as_field_group())
    assert ">Provincia</label>" in html  # no "Provincia:" in forms
    summary = Template('{% include "includes/error_summary.html" %}').render(
        Context({"form": form})
    )
    assert ".:" not in summary
    assert "Acepto el aviso de privacidad</a>:" in summary


def test_the_public_forms_share_one_email_field_with_the_same_spanish_errors():
    from abierto.proposals.forms import JoinForm, RecoverForm

    for form_class, label in ((RecoverForm, "Correo electrónico"), (JoinForm, "Su correo")):
        errors = [
            form_class(data).errors["email"]
            for data in ({}, {"email": "no-es-correo"}, {"email": "a" * 250 + "@x.org"})
        ]
        assert errors == [
            ["Escriba su dirección de correo electrónico."],
            ["Escriba una dirección de correo válida, como nombre@ejemplo.org."],
            ["La dirección es demasiado larga."],
        ], form_class
        html = str(form_class()["email"].as_field_group())
        assert 'type="email"' in html and 'autocomplete="email"' in html, form_class
        assert 'spellcheck="false"' in html and 'maxlength="254"' in html, form_class
        assert label in html, form_class
    assert RecoverForm().fields["email"] is not JoinForm().fields["email"]
