"""Who a report goes to and who sends it, by the home government's level (PP 28/2018: a regency or a
city reports to the governor as the central government's representative, with a copy to the Minister
of Home Affairs; a province reports to the Minister) and by the rules in force (the letterhead unit and
the signatory, editable by an admin on ProcessRules)."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from agreements.models import ProcessRules
from core.templatetags.formatting import tanggal
from registry.choices import PartnerType
from registry.models import Partner

from .document import Letter, Signatory

PROVINCE, REGENCY, CITY = PartnerType.PROVINCE, PartnerType.REGENCY, PartnerType.CITY
GOVERNMENT_PREFIX = "Pemerintah "


def minister() -> str:
    return _("Menteri Dalam Negeri Republik Indonesia")


@dataclass(frozen=True)
class Sender:
    """The home government as the sender of a report: its name, its level and the rules in force."""

    name: str
    level: str
    rules: ProcessRules

    @classmethod
    def current(cls) -> "Sender":
        """Two queries: the home government (a partner flagged as such) and the rules row. Without a
        home government recorded, the configured name is taken for a regency's."""
        home = Partner.objects.filter(is_home_government=True).values("name", "partner_type").first()
        name = home["name"] if home else settings.HOME_GOVERNMENT_NAME
        level = home["partner_type"] if home and home["partner_type"] in (PROVINCE, CITY) else REGENCY
        return cls(name, level, ProcessRules.current())

    @property
    def region(self) -> str:
        """ "Kabupaten Jember" of "Pemerintah Kabupaten Jember"."""
        return self.name.removeprefix(GOVERNMENT_PREFIX)

    @property
    def letterhead_unit(self) -> str:
        if self.rules.report_letterhead_unit:
            return self.rules.report_letterhead_unit
        if self.level == PROVINCE:
            return _("Biro Pemerintahan dan Kerja Sama Sekretariat Daerah")
        return _("Bagian Kerja Sama Sekretariat Daerah")

    @property
    def head_title(self) -> str:
        """The head of region's title: Gubernur, Bupati or Wali Kota."""
        return {PROVINCE: _("Gubernur"), CITY: _("Wali Kota")}.get(self.level, _("Bupati"))

    def signatory(self) -> Signatory:
        rules = self.rules
        title = rules.report_signatory_title or f"{self.head_title} {self.region.split(' ', 1)[-1]}"
        # An empty name leaves a line to write the name on by hand.
        return Signatory(title, rules.report_signatory_name or "……………………………", rules.report_signatory_nip)

    def recipient(self, *, dprd: bool) -> str:
        """Who the report is for: the DPRD's chair, the Minister (a province) or the governor."""
        if dprd:
            return _("Ketua Dewan Perwakilan Rakyat Daerah %(r)s") % {"r": self.region}
        if self.level == PROVINCE:
            return minister()
        return _("Gubernur sebagai Wakil Pemerintah Pusat")

    def addressee(self, *, dprd: bool) -> tuple[list[str], list[str]]:
        """(addressee lines, copies) of the cover letter: a regency or a city copies the Minister."""
        lines = [_("Yth. %(r)s") % {"r": self.recipient(dprd=dprd)}]
        if dprd:
            return lines, []
        if self.level == PROVINCE:
            return [*lines, _("di Jakarta")], []
        return lines, [minister()]


def cover_letter(sender: Sender, *, subject: str, period_label: str, today, dprd: bool = False) -> Letter:
    addressee, copies = sender.addressee(dprd=dprd)
    place = sender.rules.report_place
    body = [
        _(
            "Bersama ini kami sampaikan %(subject)s %(region)s untuk %(period)s, yang memuat kerja sama "
            "yang berjalan, ditandatangani dan berakhir dalam periode tersebut beserta usulan kerja sama "
            "yang sedang diproses."
        )
        % {"subject": subject, "region": sender.region, "period": period_label},
    ]
    if dprd:
        body.append(
            _(
                "Laporan ini juga memuat persetujuan DPRD yang telah diberikan dan yang masih menunggu keputusan."
            )
        )
    body.append(_("Demikian kami sampaikan, atas perhatiannya diucapkan terima kasih."))
    return Letter(
        place_date=f"{place}, {tanggal(today)}" if place else tanggal(today),
        addressee=addressee,
        subject=capfirst(f"{subject} {period_label}"),
        body=body,
        signatory=sender.signatory(),
        copies=copies,
        enclosure=_("1 (satu) berkas"),
    )
