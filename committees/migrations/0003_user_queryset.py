
import committees.models
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('committees', '0002_calendar_token'),
    ]

    operations = [
        migrations.AlterModelManagers(
            name='user',
            managers=[
                ('objects', committees.models.UserManager()),
            ],
        ),
    ]
