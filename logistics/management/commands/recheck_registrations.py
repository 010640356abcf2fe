from django.core.management.base import BaseCommand

from logistics.reminders.services import registrations_recheck


class Command(BaseCommand):
    help = ("Check again the registrations marked complete before each member needed a date "
            "of birth, an ID document and a photo, and mail the focal point of each that lacks "
            "some, once per delegation: running it again sends nothing more. Run once after "
            "upgrading; the workers send the mails.")

    def handle(self, *args, **options):
        count = registrations_recheck()
        self.stdout.write(f"Focal points told: {count}")
