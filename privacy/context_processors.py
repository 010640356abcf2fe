from privacy.permissions import can_export_personal_data


def privacy(request):
    """Whether the staff layout shows the personal-data export."""
    return {"can_export_personal_data": can_export_personal_data(getattr(request, "user", None))}
