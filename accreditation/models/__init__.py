from .categories import AccreditationCategory, MediaOutlet, Zone
from .keys import ApiKey, ApiScope

__all__ = ["AccreditationCategory", "ApiKey", "ApiScope", "MediaOutlet", "Zone"]
