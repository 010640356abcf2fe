"""What the integration API reads: applications, badges and webhook deliveries, each joined
with what its serializer shows, so a page costs the same number of queries for one row as for
five hundred. The ID document number is never loaded (only vetting officers read it, and
never through the API), nor the applicant's secret link."""


from accreditation.integrations.models import Delivery, Webhook


def webhooks_of(api_key):
    return Webhook.objects.filter(api_key=api_key)


def deliveries_of(webhook):
    return Delivery.objects.filter(webhook=webhook)
