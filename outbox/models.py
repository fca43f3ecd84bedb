from django.db import models


class PendingTask(models.Model):
    """A task that could not be handed to the broker; sent again until the broker takes it."""

    task_name = models.CharField("uppgift", max_length=200)
    args = models.JSONField("argument", default=list)
    created_at = models.DateTimeField("köad", auto_now_add=True)
    attempts = models.PositiveIntegerField("försök", default=1)
    last_error = models.TextField("senaste fel", blank=True)

    class Meta:
        verbose_name = "väntande uppgift"
        verbose_name_plural = "väntande uppgifter"
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.task_name}{tuple(self.args)}"
