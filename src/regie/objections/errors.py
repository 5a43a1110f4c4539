from django.core.exceptions import ValidationError


class ObjectionError(ValidationError):
    """A step the Awb does not allow; the message is Dutch and says what to do."""
