"""Object permissions (the ``rules`` library) for core data."""

import rules

from .principal import Principal
from .roles import Role


@rules.predicate
def is_functional_admin(user) -> bool:
    return (
        user.is_authenticated
        and user.role_assignments.filter(role=Role.FUNCTIONAL_ADMIN, is_active=True).exists()
    )


def principal_is(*roles):
    def check(principal: Principal | None) -> bool:
        return principal is not None and principal.role in roles

    return check


rules.add_perm("core.change_reference_data", is_functional_admin)
