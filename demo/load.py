"""Load data for benchmarks: many municipalities over many years, generated from a seed.

The same seed and sizes give the same rows. Each municipality gets the committees and users
of a mid-sized Swedish municipality and its audits, recommendations, answers and follow-ups
in the proportions of the demo cases: about 6 recommendations per audit, each addressed to
3–4 committees, answered by almost every committee of an older case and followed up a year on.
Rows are written with bulk_create, so no history rows are recorded for them.
"""

import datetime
import random
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.text import slugify

from committees.models import Committee, Municipality, User
from recommendations.models import Addressee, FollowUp, Recommendation
from responses.models import Position, Response

from core.filter_choices import forget_filter_choices
from audits.models import Audit, Recipient, RevisionQuestion, Signatory

LOAD_PASSWORD = "last"
BATCH_SIZE = 2000
NOON_IN_STOCKHOLM = datetime.time(12, 0, tzinfo=ZoneInfo("Europe/Stockholm"))

TOWN_STEMS = [
    "Ås", "Berg", "Björk", "Dal", "Ek", "Fager", "Gran", "Hag", "Hall", "Holm", "Kungs", "Lind", "Lunda",
    "Mal", "Mar", "Norr", "Ny", "Re", "Sand", "Sjö", "Sol", "Sten", "Strand", "Sunds", "Söder", "Tall",
    "Tor", "Vall", "Väster", "Älv", "Öster", "Ölme",
]
TOWN_ENDINGS = ["köping", "berga", "vik", "sala", "hult", "torp", "by", "stad", "näs", "fors", "ås", "ryd", "sjö"]

COMMITTEES = [
    ("KF", "Kommunfullmäktige", Committee.Kind.KOMMUNFULLMAKTIGE),
    ("KS", "Kommunstyrelsen", Committee.Kind.KOMMUNSTYRELSEN),
    ("REV", "Kommunrevisionen", Committee.Kind.REVISIONEN),
    ("BUN", "Barn- och utbildningsnämnden", Committee.Kind.NAMND),
    ("GN", "Gymnasienämnden", Committee.Kind.NAMND),
    ("SOCN", "Socialnämnden", Committee.Kind.NAMND),
    ("VON", "Vård- och omsorgsnämnden", Committee.Kind.NAMND),
    ("KFN", "Kultur- och fritidsnämnden", Committee.Kind.NAMND),
    ("SBN", "Samhällsbyggnadsnämnden", Committee.Kind.NAMND),
    ("MHN", "Miljö- och hälsoskyddsnämnden", Committee.Kind.NAMND),
    ("TN", "Tekniska nämnden", Committee.Kind.NAMND),
    ("ÖFN", "Överförmyndarnämnden", Committee.Kind.NAMND),
]
COMPANIES = [("BOST", "{town} Bostäder AB"), ("ENER", "{town} Energi AB")]

TOPICS = [
    "kommunens digitaliseringsarbete", "intern kontroll", "lokalförsörjning", "upphandling och avtalstrohet",
    "kompetensförsörjning", "styrning av investeringar", "elevhälsan", "placeringar av barn och unga",
    "hemtjänstens bemanning", "informationssäkerhet", "arbetsmiljöarbetet", "kommunens krisberedskap",
    "ekonomisk styrning", "bygglovsprocessen", "underhåll av fastigheter", "livsmedelskontrollen",
    "överförmyndarverksamheten", "bisysslor och jäv", "mål- och resultatstyrning", "personuppgiftshantering",
    "skolans likvärdighet", "missbruksvården", "föreningsbidrag", "näringslivsarbetet", "klimatanpassning",
    "vatten och avlopp", "delegationsordningar", "ärendeberedning", "leverantörsfakturor", "sjukfrånvaron",
]
KIND_WEIGHTS = [
    (Audit.Kind.GRANSKNING, 55),
    (Audit.Kind.FORDJUPAD, 15),
    (Audit.Kind.GRUNDLAGGANDE, 15),
    (Audit.Kind.FORSTUDIE, 8),
    (Audit.Kind.UPPFOLJANDE, 7),
]
FIRMS = ["KPMG", "EY", "PwC", "Deloitte", "BDO", "Grant Thornton", "Forvis Mazars", ""]
FIRST_NAMES = ["Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Eva", "Anders", "Sara", "Per", "Lena", "Mats"]
LAST_NAMES = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Lind"]
OPENINGS = [
    "Vi har med stöd av {firm} granskat {topic}.",
    "Revisorerna har granskat {topic}.",
    "Granskningen har avsett {topic} under {year}.",
]
FINDINGS = [
    "Vår sammanfattande bedömning är att styrningen delvis är ändamålsenlig.",
    "Det finns brister i uppföljningen och rapporteringen till nämnden.",
    "Rutinerna är inte dokumenterade och är okända för flera medarbetare.",
    "Ansvarsfördelningen mellan nämnderna och kommunstyrelsen är otydlig.",
    "Den interna kontrollen har inte omfattat de risker som identifierats.",
    "Målen är inte mätbara och uppföljningen sker inte systematiskt.",
    "Nämnden har vidtagit åtgärder men de har ännu inte fått full effekt.",
]
RECOMMENDATION_VERBS = ["Säkerställ", "Utveckla", "Tydliggör", "Dokumentera", "Inför", "Följ upp", "Upprätta"]
RECOMMENDATION_OBJECTS = [
    "rutiner för uppföljning av {topic}", "en tydlig ansvarsfördelning för {topic}",
    "rapporteringen till nämnden om {topic}", "riskanalysen inom {topic}", "mätbara mål för {topic}",
    "den interna kontrollplanen så att den omfattar {topic}", "en handlingsplan för {topic}",
]
QUESTIONS = [
    "Finns det en ändamålsenlig styrning av {topic}?",
    "Sker en tillräcklig uppföljning och rapportering av {topic}?",
    "Är ansvarsfördelningen tydlig?",
    "Finns dokumenterade rutiner?",
]
ACTIONS = [
    "Förvaltningen tar fram en rutin som beslutas under året.",
    "Arbetet ingår i nämndens internkontrollplan.",
    "En handlingsplan redovisas för nämnden i samband med delårsrapporten.",
    "Frågan utreds och återrapporteras till nämnden.",
]
POSITION_WEIGHTS = [(Position.Choice.INSTAMMER, 70), (Position.Choice.DELVIS, 20), (Position.Choice.INSTAMMER_INTE, 10)]
FOLLOW_UP_WEIGHTS = [
    (FollowUp.Status.ATGARDAD, 45),
    (FollowUp.Status.DELVIS, 30),
    (FollowUp.Status.EJ_ATGARDAD, 15),
    (FollowUp.Status.INTE_AKTUELL, 10),
]


@dataclass(frozen=True)
class LoadSize:
    municipalities: int = 50
    years: int = 10
    audits_per_year: int = 20
    end_year: int = 2026
    seed: int = 1
    # Numbering of the first municipality, so that a second call adds other municipalities.
    first_municipality: int = 0


def weighted(rng, weights):
    """One of the values, drawn in proportion to its weight."""
    values, shares = zip(*weights)
    return rng.choices(values, weights=shares)[0]


def town_names(count):
    """Distinct Swedish-looking town names, the same ones in the same order every time."""
    names = list(dict.fromkeys(stem + ending for ending in TOWN_ENDINGS for stem in TOWN_STEMS))
    return [names[i % len(names)] + (f" {i // len(names) + 1}" if i >= len(names) else "") for i in range(count)]


def status_for(rng, age):
    """An audit's status by how many years ago it was made: recent ones are still open."""
    if age == 0:
        return weighted(rng, [(Audit.Status.PLANERAD, 15), (Audit.Status.PAGAENDE, 25), (Audit.Status.SKICKAD, 60)])
    if age == 1:
        return weighted(rng, [(Audit.Status.SKICKAD, 20), (Audit.Status.BESVARAD, 40), (Audit.Status.ANMALD, 40)])
    return weighted(rng, [(Audit.Status.ANMALD, 30), (Audit.Status.AVSLUTAD, 70)])


def moment(date):
    return datetime.datetime.combine(date, NOON_IN_STOCKHOLM)


class MunicipalityLoader:
    """Builds one municipality's rows from its own random stream and writes them in batches."""

    def __init__(self, index, name, size, password_hash):
        self.rng = random.Random(f"{size.seed}/{index}")
        self.index = index
        self.name = name
        self.size = size
        self.password_hash = password_hash
        self.counts = {}

    def create(self, model, objects):
        self.counts[model.__name__] = self.counts.get(model.__name__, 0) + len(objects)
        return model.objects.bulk_create(objects, batch_size=BATCH_SIZE)

    def load(self):
        self.municipality = self.create(Municipality, [Municipality(name=self.name, slug=f"last-{self.index + 1:03d}")])[0]
        self.load_committees()
        self.load_users()
        for year in range(self.size.end_year - self.size.years + 1, self.size.end_year + 1):
            self.load_year(year)
        return self.counts

    def load_committees(self):
        rng = self.rng
        fixed = COMMITTEES[:3]
        chosen = [c for c in COMMITTEES[3:] if rng.random() < 0.8]
        companies = [(short, name.format(town=self.name), Committee.Kind.BOLAG) for short, name in COMPANIES if rng.random() < 0.6]
        committees = self.create(
            Committee,
            [
                Committee(municipality=self.municipality, short_name=short, name=name, kind=kind)
                for short, name, kind in fixed + chosen + companies
            ],
        )
        self.board = next(c for c in committees if c.kind == Committee.Kind.KOMMUNSTYRELSEN)
        self.answering = [c for c in committees if c.kind in Committee.Kind.answering()]
        self.others = [c for c in self.answering if c != self.board]

    def person(self):
        return self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)

    def user(self, username, role):
        first_name, last_name = self.person()
        return User(
            username=username,
            first_name=first_name,
            last_name=last_name,
            email=f"{username}@example.se",
            password=self.password_hash,
            municipality=self.municipality,
            role=role,
        )

    def load_users(self):
        slug = self.municipality.slug
        secretaries = {c.pk: self.user(f"sekr.{slug}.{slugify(c.short_name)}", User.Role.SEKRETERARE) for c in self.answering}
        self.revisor = self.create(
            User,
            [self.user(f"revisor.{slug}", User.Role.REVISOR), self.user(f"ks.{slug}", User.Role.KS_HANDLAGGARE)]
            + list(secretaries.values()),
        )[0]
        self.secretaries = secretaries
        self.create(
            User.committees.through,
            [User.committees.through(user_id=user.pk, committee_id=pk) for pk, user in secretaries.items()],
        )

    def load_year(self, year):
        rng = self.rng
        age = self.size.end_year - year
        audits = []
        for number in range(1, self.size.audits_per_year + 1):
            topic = rng.choice(TOPICS)
            firm = rng.choice(FIRMS)
            status = status_for(rng, age)
            kind = weighted(rng, KIND_WEIGHTS)
            sent_on = datetime.date(year, rng.randint(2, 10), rng.randint(1, 28))
            audits.append(
                Audit(
                    municipality=self.municipality,
                    title=f"{kind.label} av {topic}",
                    kind=kind,
                    year=year,
                    diarienummer=f"REV {year}/{number}",
                    consultant_firm=firm,
                    consultant_people=", ".join(" ".join(self.person()) for _ in range(rng.randint(1, 3))) if firm else "",
                    purpose=f"Syftet är att bedöma om nämnderna har en ändamålsenlig styrning av {topic}.",
                    summary=" ".join(
                        [rng.choice(OPENINGS).format(firm=firm or "sakkunniga", topic=topic, year=year)]
                        + rng.sample(FINDINGS, 3)
                    ),
                    overall_assessment=rng.choice(FINDINGS),
                    report_date=sent_on - datetime.timedelta(days=14),
                    missiv_date=sent_on if status in Audit.Status.sent() else None,
                    place=self.name,
                    status=status,
                    sent_at=moment(sent_on) if status in Audit.Status.sent() else None,
                    sent_by=self.revisor if status in Audit.Status.sent() else None,
                    published=age >= 1,
                    published_at=moment(sent_on) if age >= 1 else None,
                )
            )
        audits = self.create(Audit, audits)
        self.create(
            RevisionQuestion,
            [
                RevisionQuestion(audit=audit, order=order, text=text.format(topic=audit.title.split(" av ", 1)[1]))
                for audit in audits
                for order, text in enumerate(rng.sample(QUESTIONS, 3), start=1)
            ],
        )
        self.create(
            Signatory,
            [
                Signatory(audit=audit, order=order, name=" ".join(self.person()), title=title)
                for audit in audits
                for order, title in enumerate(["ordförande", "vice ordförande"], start=1)
            ],
        )
        self.load_cases(audits, age)

    def load_cases(self, audits, age):
        rng = self.rng
        recipients = []
        for audit in audits:
            committees = ([self.board] if rng.random() < 0.85 else []) + rng.sample(
                self.others, min(len(self.others), rng.randint(2, 4))
            )
            sent_on = audit.sent_at.date() if audit.sent_at else datetime.date(audit.year, 6, 1)
            deadline = sent_on + datetime.timedelta(days=rng.choice([60, 75, 90, 120]))
            recipients += [Recipient(audit=audit, committee=committee, deadline=deadline) for committee in committees]
        recipients = self.create(Recipient, recipients)
        by_audit = {}
        for recipient in recipients:
            by_audit.setdefault(recipient.audit_id, []).append(recipient)

        recommendations, chosen_recipients = [], []
        for audit in audits:
            topic = audit.title.split(" av ", 1)[1]
            for order in range(1, rng.randint(3, 9) + 1):
                recommendations.append(
                    Recommendation(
                        audit=audit,
                        order=order,
                        text=f"{rng.choice(RECOMMENDATION_VERBS)} {rng.choice(RECOMMENDATION_OBJECTS).format(topic=topic)}.",
                    )
                )
                candidates = by_audit[audit.pk]
                if rng.random() < 0.6:
                    chosen_recipients.append(candidates)
                else:
                    chosen_recipients.append(rng.sample(candidates, rng.randint(1, len(candidates))))
        recommendations = self.create(Recommendation, recommendations)
        addressees = self.create(
            Addressee,
            [
                Addressee(recommendation=recommendation, recipient=recipient)
                for recommendation, chosen in zip(recommendations, chosen_recipients)
                for recipient in chosen
            ],
        )
        self.load_answers(audits, recipients, addressees, age)
        self.load_follow_ups(audits, addressees, age)

    def answer_share(self, audit, age):
        if audit.status in (Audit.Status.PLANERAD, Audit.Status.PAGAENDE):
            return 0
        if audit.status == Audit.Status.SKICKAD:
            return 0.3 if age == 0 else 0.6
        return 1

    def load_answers(self, audits, recipients, addressees, age):
        rng = self.rng
        audit_by_pk = {audit.pk: audit for audit in audits}
        responses = []
        for recipient in recipients:
            audit = audit_by_pk[recipient.audit_id]
            if rng.random() < self.answer_share(audit, age):
                meeting = recipient.deadline - datetime.timedelta(days=rng.randint(-20, 30))
                responses.append(
                    Response(
                        recipient=recipient,
                        status=Response.Status.INSKICKAD,
                        meeting_date=meeting,
                        paragraf=f"§ {rng.randint(1, 180)}",
                        diarienummer=f"{recipient.committee.short_name} {audit.year}/{rng.randint(10, 900)}",
                        handlaggare=" ".join(self.person()),
                        beslut=f"{recipient.committee.name} antar förvaltningens yttrande som sitt eget.",
                        summary=rng.choice(ACTIONS),
                        submitted_at=moment(meeting),
                        submitted_by=self.secretaries[recipient.committee_id],
                    )
                )
            elif audit.is_sent and rng.random() < 0.3:
                responses.append(Response(recipient=recipient, handlaggare=" ".join(self.person())))
        responses = self.create(Response, responses)
        submitted = {r.recipient_id: r for r in responses if r.status == Response.Status.INSKICKAD}
        self.create(
            Position,
            [
                Position(
                    response=submitted[addressee.recipient_id],
                    addressee=addressee,
                    position=weighted(rng, POSITION_WEIGHTS),
                    planned_actions=rng.choice(ACTIONS),
                    responsible=rng.choice(["Förvaltningschef", "Avdelningschef", "Kommundirektör"]),
                    planned_date=submitted[addressee.recipient_id].meeting_date + datetime.timedelta(days=180),
                )
                for addressee in addressees
                if addressee.recipient_id in submitted
            ],
        )

    def load_follow_ups(self, audits, addressees, age):
        """A year after the answers the auditors judge most recommendations, some twice."""
        if age < 1:
            return
        rng = self.rng
        followed = {audit.pk for audit in audits if audit.status in (Audit.Status.ANMALD, Audit.Status.AVSLUTAD)}
        year = audits[0].year
        follow_ups = []
        for addressee in addressees:
            if addressee.recommendation.audit_id not in followed or rng.random() >= 0.7:
                continue
            first = datetime.date(year + 1, rng.randint(1, 12), rng.randint(1, 28))
            dates = [first] + ([first + datetime.timedelta(days=365)] if age >= 2 and rng.random() < 0.3 else [])
            follow_ups += [
                FollowUp(
                    addressee=addressee,
                    date=date,
                    status=weighted(rng, FOLLOW_UP_WEIGHTS),
                    comment=rng.choice(FINDINGS),
                    author=self.revisor,
                )
                for date in dates
            ]
        self.create(FollowUp, follow_ups)


def generate_load(size=LoadSize(), progress=None):
    """Write the load data of every municipality, each in its own transaction; return row counts."""
    password_hash = make_password(LOAD_PASSWORD)
    totals = {}
    first = size.first_municipality
    for index, name in enumerate(town_names(first + size.municipalities)[first:], start=first):
        with transaction.atomic():
            counts = MunicipalityLoader(index, name, size, password_hash).load()
        for model, count in counts.items():
            totals[model] = totals.get(model, 0) + count
        if progress:
            progress(index + 1 - first, name)
    # bulk_create sends no signals: retire the cached filter choices here.
    forget_filter_choices()
    return totals
