"""Reading the organisation tree, always within what the user may see."""

from dataclasses import dataclass, field
from datetime import date

from lotse.organisations import rules
from lotse.organisations.models import AssociationMembership, Organisation


@dataclass
class TreeNode:
    organisation: Organisation
    children: list["TreeNode"] = field(default_factory=list)
    members: list[Organisation] = field(default_factory=list)  # association members on the day


def organisation_tree_for_user(user, *, on: date) -> list[TreeNode]:
    """The visible part of the tree as nested nodes, in two queries.

    Nodes whose parent is not visible become roots, so a town's case manager
    sees their town at the top.
    """
    organisations = list(Organisation.objects.for_user(user).order_by("kind", "name"))
    nodes = {org.pk: TreeNode(org) for org in organisations}
    roots: list[TreeNode] = []
    for org in sorted(organisations, key=lambda o: (o.depth, o.name)):
        parent = nodes.get(org.parent_id)
        (parent.children if parent else roots).append(nodes[org.pk])
    links = AssociationMembership.objects.on(on).filter(association_id__in=nodes.keys())
    for link in links.select_related("municipality"):
        nodes[link.association_id].members.append(link.municipality)
    kind_order = [
        rules.STATE,
        rules.AUTHORITY,
        rules.COUNTY,
        rules.ASSOCIATION,
        rules.MUNICIPALITY,
        rules.WELFARE,
    ]
    for node in nodes.values():
        node.children.sort(
            key=lambda n: (kind_order.index(n.organisation.kind), n.organisation.name)
        )
        node.members.sort(key=lambda o: o.name)
    return roots


def association_links_for(organisation: Organisation):
    """Memberships where the organisation is the association or the member, oldest first."""
    if organisation.kind == rules.ASSOCIATION:
        return organisation.member_links.select_related("municipality").order_by("valid_from")
    return organisation.association_links.select_related("association").order_by("valid_from")
