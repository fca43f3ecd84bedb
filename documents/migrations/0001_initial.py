import core.storage
import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


MODELS = ["auditdocument", "annualreport"]


def move_content_types(apps, schema_editor):
    """Permissions and admin log entries follow the models to their new app."""
    content_types = apps.get_model("contenttypes", "ContentType")
    content_types.objects.filter(app_label="audits", model__in=MODELS).update(app_label="documents")


def move_content_types_back(apps, schema_editor):
    content_types = apps.get_model("contenttypes", "ContentType")
    content_types.objects.filter(app_label="documents", model__in=MODELS).update(app_label="audits")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('audits', '0007_documents_moved_to_their_app'),
        ('committees', '0003_user_queryset'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        # The tables were made by the audits app's migrations and keep their names.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='AnnualReport',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='år')),
                        ('state', models.CharField(choices=[('queued', 'Köad'), ('ready', 'Klar'), ('failed', 'Misslyckad')], default='queued', max_length=10, verbose_name='läge')),
                        ('file', models.FileField(blank=True, storage=core.storage.PrivateStorage(), upload_to='annual-reports/')),
                        ('error', models.TextField(blank=True, verbose_name='senaste fel')),
                        ('requested_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='beställd')),
                        ('rendered_at', models.DateTimeField(blank=True, null=True, verbose_name='klar')),
                        ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='annual_reports', to='committees.municipality', verbose_name='kommun')),
                    ],
                    options={
                        'verbose_name': 'årsrapport',
                        'verbose_name_plural': 'årsrapporter',
                        'db_table': 'audits_annualreport',
                        'ordering': ['municipality__name', '-year'],
                        'constraints': [models.UniqueConstraint(fields=('municipality', 'year'), name='annual_report_one_per_year'), models.CheckConstraint(condition=models.Q(('year__gte', 1990), ('year__lte', 2100)), name='annual_report_year_range'), models.CheckConstraint(condition=models.Q(('state__in', ['queued', 'ready', 'failed'])), name='annual_report_state_valid')],
                    },
                ),
                migrations.CreateModel(
                    name='AuditDocument',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('missiv', 'Missiv'), ('council_report', 'Anmälan till kommunfullmäktige')], max_length=20, verbose_name='dokument')),
                        ('state', models.CharField(choices=[('queued', 'Köad'), ('ready', 'Klar'), ('failed', 'Misslyckad')], default='queued', max_length=10, verbose_name='läge')),
                        ('file', models.FileField(blank=True, storage=core.storage.PrivateStorage(), upload_to='documents/')),
                        ('error', models.TextField(blank=True, verbose_name='senaste fel')),
                        ('requested_at', models.DateTimeField(auto_now_add=True, verbose_name='beställd')),
                        ('rendered_at', models.DateTimeField(blank=True, null=True, verbose_name='klar')),
                        ('audit', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='documents', to='audits.audit')),
                    ],
                    options={
                        'verbose_name': 'dokument',
                        'verbose_name_plural': 'dokument',
                        'db_table': 'audits_auditdocument',
                        'constraints': [models.UniqueConstraint(fields=('audit', 'kind'), name='document_one_per_kind'), models.CheckConstraint(condition=models.Q(('kind__in', ['missiv', 'council_report'])), name='document_kind_valid'), models.CheckConstraint(condition=models.Q(('state__in', ['queued', 'ready', 'failed'])), name='document_state_valid')],
                    },
                ),
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back, elidable=True),
    ]
