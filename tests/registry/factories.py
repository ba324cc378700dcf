import factory

from registry.choices import PartnerType, Sector, sector_for
from registry.models import Contact, CooperationObject, Membership, OrganisationUnit, Partner

TYPE_OF_SECTOR = {
    Sector.PUBLIC: PartnerType.CITY,
    Sector.PRIVATE: PartnerType.PRIVATE_COMPANY,
    Sector.SOCIAL: PartnerType.FOUNDATION,
    Sector.ACADEMIC: PartnerType.UNIVERSITY,
    Sector.FOREIGN: PartnerType.FOREIGN_INSTITUTION,
}


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"PT Mitra Contoh {n}")
    short_name = factory.Sequence(lambda n: f"Mitra{n}")

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        """The sector follows from the type (decision 0053): a test that names only a sector gets a
        type of that sector, and the sector is always the type's."""
        if "partner_type" not in kwargs:
            kwargs["partner_type"] = TYPE_OF_SECTOR.get(kwargs.get("sector"), PartnerType.PRIVATE_COMPANY)
        kwargs["sector"] = sector_for(kwargs["partner_type"])
        return kwargs


class HomeGovernmentFactory(PartnerFactory):
    name = "Pemerintah Kabupaten Jember"
    short_name = "Pemkab Jember"
    sector = Sector.PUBLIC
    partner_type = PartnerType.REGENCY
    is_home_government = True

    class Meta:
        model = Partner
        django_get_or_create = ("is_home_government",)


class OrganisationUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationUnit

    code = factory.Sequence(lambda n: f"OPD-{n:03d}")
    name = factory.Sequence(lambda n: f"Dinas Contoh {n}")
    short_name = factory.Sequence(lambda n: f"Dinas{n}")


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    partner = factory.SubFactory(PartnerFactory)
    name = factory.Faker("name", locale="id_ID")
    email = factory.Sequence(lambda n: f"kontak{n}@example.test")
    phone = "081234567890"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory("tests.accounts.factories.UserFactory")


class CooperationObjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CooperationObject

    name = factory.Sequence(lambda n: f"Potensi {n}")
    government_affair = "Pertanian"
