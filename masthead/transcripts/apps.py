from django.apps import AppConfig


class TranscriptsConfig(AppConfig):
    name = "masthead.transcripts"
    label = "transcripts"
    verbose_name = "Transcripts"
