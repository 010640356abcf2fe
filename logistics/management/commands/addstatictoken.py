"""`addstatictoken USERNAME`: one more recovery code for someone who lost the phone and has
no recovery code left (README, "Login and second factor"). It keeps django-otp's command
name; the code goes to Accord's own, encrypted, recovery codes."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from logistics.core.accounts.services import recovery_code_add


class Command(BaseCommand):
    help = "Print one more one-time recovery code for USERNAME (their other codes stay)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f'User "{username}" does not exist.')
        self.stdout.write(recovery_code_add(user=user))
