from django.db import migrations


class Migration(migrations.Migration):
    """AuditDocument and AnnualReport now belong to the documents app; their tables stay."""

    dependencies = [
        ("audits", "0006_published_at_exactly_when_published"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name="auditdocument", name="audit"),
                migrations.DeleteModel(name="AnnualReport"),
                migrations.DeleteModel(name="AuditDocument"),
            ],
        ),
    ]
