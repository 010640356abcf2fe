"""The accreditation office's set-up: access zones, categories, media outlets and quotas."""
