"""Burlöv: EY's audit of the digitalisation work, an open case (seed 003).

Texts are verbatim from the report. Not in the seed, chosen for the demo: that the case was
sent to kommunstyrelsen for a response on 2021-06-21 with the deadline 2021-09-30 and
kommunfullmäktige för kännedom (the seed is the report alone, without a missiv), the kind
"fördjupad granskning" (the report calls it a djupgranskning), the committees' short names
and the demo users' names.
"""

MUNICIPALITY = {"name": "Burlöv", "slug": "burlov"}

COMMITTEES = [
    {"short_name": "KF", "name": "Kommunfullmäktige", "kind": "kommunfullmaktige"},
    {"short_name": "KS", "name": "Kommunstyrelsen", "kind": "kommunstyrelsen"},
    {"short_name": "MBN", "name": "Miljö- och byggnadsnämnden", "kind": "namnd"},
    {"short_name": "SN", "name": "Socialnämnden", "kind": "namnd"},
    {"short_name": "UKN", "name": "Utbildnings- och kulturnämnden", "kind": "namnd"},
    {"short_name": "REV", "name": "Revisorerna", "kind": "revisionen"},
]

USERS = {
    "revisor": ["Annika", "Persson"],
    "ks": ["Magnus", "Olsson"],
    "sekreterare": {"KS": ["Camilla", "Nilsson"]},
}

AUDIT = {
    "title": "Granskning av digitaliseringsarbete",
    "kind": "fordjupad",
    "year": 2021,
    "consultant_firm": "EY",
    "consultant_people": "Linus Aldefors, Emmy Lundblad",
    "auditor_group": "",
    "summary": (
        "Granskningens syfte var att bedöma om kommunstyrelsen säkerställt att "
        "digitaliseringsarbetet i verksamheten utförs på ett ändamålsenligt sätt. Slutsatserna "
        "av granskningen är att kommunstyrelsens i det stora hela arbetar på ett "
        "tillfredsställande sätt. Styrelsen har beslutat om en strategi som tydliggör "
        "inriktningen för digitaliseringsarbetet inom kommunen. Därtill är organisationen och "
        "arbetsprocesserna tydliggjorda och etablerade.\n\n"
        "Enligt den digitala strategin ska samtliga verksamheter upprätta konkreta "
        "handlingsplaner kopplade till den digitala strategin. Detta görs inom ramen för "
        "nämndernas verksamhetsplaner. Granskningen visar att detta arbete bedrivs med "
        "varierande kvalitet. Det är därför vår bedömning att kommunstyrelsen bör stärka "
        "uppföljningen av nämndernas följsamhet gentemot digitaliseringsstrategin. Det är "
        "därtill en bedömning av granskningen att kommunstyrelsen bör utveckla arbetssättet "
        "kring nyttokalkyler vid införande av digitala lösningar."
    ),
    "purpose": (
        "Granskningens syfte är att bedöma om kommunstyrelsen säkerställer att "
        "digitaliseringsarbetet i verksamheten utförs på ett ändamålsenligt sätt."
    ),
    "overall_assessment": (
        "Det är vår sammanfattande bedömning att kommunstyrelsen i stort har säkerställt att "
        "digitaliseringsarbetet utförs på ett ändamålsenligt sätt. Styrelsen har beslutat om en "
        "strategi som tydliggör inriktningen för kommunens digitaliseringsarbete. Samt att det "
        "finns en tydlig organisation och process för att fånga upp och förverkliga "
        "verksamheternas behov av digitala lösningar.\n\n"
        "Det är vidare vår bedömning att kommunstyrelsen bör stärka uppföljningen av nämndernas "
        "följsamhet till digitaliseringsstrategin. Det är tydliggjort i strategin att samtliga "
        "verksamheter ska upprätta konkreta handlingsplaner kopplade till den digitala "
        "strategin. Granskningen visar att nämnderna i varierande utsträckning inkluderar "
        "digitaliseringsperspektivet i sina verksamhetsplaner.\n\n"
        "Granskningen visar att det saknas ett systematiskt arbete med nyttoberäkningar och "
        "nyttokalkyler i samband med införande av digitala lösningar. De intervjuade uppger att "
        "det finns exempel på nyttokalkyler men att det inte finns en etablerad modell eller "
        "arbetssätt. Vår bedömning är att kommunstyrelsen bör utveckla detta och införa "
        "nyttokalkyler som en del i behovsprocessen."
    ),
    "report_date": "2021-06-14",
    "missiv_date": None,
    "place": "Arlöv",
    "status": "skickad",
    "sent_on": "2021-06-21",
    "published": False,
    "ks_office_view": "",
    "council_proposal": "",
    "informed": ["KF"],
    "signatories": [],
    "questions": [
        {
            "text": (
                "Har kommunstyrelsen tillsett att det finns en tydlig organisation och "
                "ansvarsfördelning för styrning och ledning av digitaliseringsarbetet?"
            ),
            "answer": "ja",
            "comment": "",
        },
        {
            "text": (
                "Finns det styrdokument, handlingsplaner och/eller riktlinjer för hur "
                "digitaliseringsarbetet ska implementeras i verksamheten?"
            ),
            "answer": "delvis",
            "comment": (
                "Det finns en övergripande strategi och det pågår ett arbete med att ta fram "
                "övergripande handlingsplan. Det finns dock ingen beslutad plan om hur detta "
                "ska följas upp."
            ),
        },
        {
            "text": (
                "Finns det nyttokalkyler med förväntade effekter vid införandet av nya "
                "digitaliseringsprojekt?"
            ),
            "answer": "delvis",
            "comment": (
                "Inom ett antal projekt har nyttokalkyler tagits fram men det finns ingen "
                "etablerad modell för detta."
            ),
        },
        {
            "text": (
                "Följer kommunstyrelsen upp resultat av digitaliseringsarbetet i tillräcklig "
                "utsträckning?"
            ),
            "answer": "nej",
            "comment": "",
        },
    ],
    "recipients": [{"committee": "KS", "deadline": "2021-09-30"}],
    "recommendations": [
        {
            "text": (
                "Säkerställa att samtliga nämnder utarbetar konkreta handlingsplaner som del av "
                "sina respektive verksamhetsplaner."
            ),
            "to": ["KS"],
        },
        {
            "text": "Som rutin upprätta nyttokalkyler i samband med digitaliseringsprojekt",
            "to": ["KS"],
        },
    ],
    "responses": [],
}
