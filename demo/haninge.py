"""Haninge: EY's audit of digitalisation, an open case (seed 004).

Texts are verbatim from the report; its answer table's second row holds three questions, each
loaded as a question of its own with its answer. Not in the seed, chosen for the demo: that the
case was sent to kommunstyrelsen for a response on 2019-12-18 with the deadline 2020-03-31 and
kommunfullmäktige för kännedom (the seed is the report alone, without a missiv), the committees'
short names other than ÄN (the diarienummer prefix in the report) and the demo users' names.
"""

MUNICIPALITY = {"name": "Haninge", "slug": "haninge"}

COMMITTEES = [
    {"short_name": "KF", "name": "Kommunfullmäktige", "kind": "kommunfullmaktige"},
    {"short_name": "KS", "name": "Kommunstyrelsen", "kind": "kommunstyrelsen"},
    {"short_name": "GFN", "name": "Grund- och förskolenämnden", "kind": "namnd"},
    {"short_name": "GVN", "name": "Gymnasie- och vuxenutbildningsnämnden", "kind": "namnd"},
    {"short_name": "SBN", "name": "Stadsbyggnadsnämnden", "kind": "namnd"},
    {"short_name": "ÄN", "name": "Äldrenämnden", "kind": "namnd"},
    {"short_name": "SN", "name": "Socialnämnden", "kind": "namnd"},
    {"short_name": "KDN", "name": "Kultur- och demokratinämnden", "kind": "namnd"},
    {"short_name": "IFN", "name": "Idrotts- och fritidsnämnden", "kind": "namnd"},
    {"short_name": "REV", "name": "Revisorerna", "kind": "revisionen"},
]

USERS = {
    "revisor": ["Helena", "Larsson"],
    "ks": ["Patrik", "Andersson"],
    "sekreterare": {"KS": ["Malin", "Eriksson"]},
}

AUDIT = {
    "title": "Granskning av digitalisering",
    "kind": "granskning",
    "year": 2019,
    "consultant_firm": "EY",
    "consultant_people": "Jan Darrell, Anna Maria Karlsson, Steven Wall",
    "auditor_group": "",
    "summary": (
        "EY har på uppdrag av kommunens revisorer granskat kommunens digitaliseringsarbete. "
        "Granskningens syfte är att bedöma om kommunens verksamhetsutveckling med stöd av "
        "digitalisering är effektiv och ändamålsenlig samt huruvida den interna kontrollen "
        "rörande digitaliseringsprocessen är tillräcklig.\n\n"
        "På en kommunövergripande nivå finns dokumenterade förhållningssätt för arbetet med "
        "digitalisering genom den IT-policy som kommunstyrelsen beslutat om. Mål, fokusområden "
        "samt principer att beakta vid digital utveckling framgår emellertid tydligare i av "
        "KDLG beslutade Digital strategi 2020+. Vi noterar dock att styrdokument betecknade "
        "strategi normalt fastställs av den politiska nivån, vanligtvis kommunstyrelsen medan "
        "kommunfullmäktige fastställer exempelvis policy. Tjänstemannaledningens styrdokument "
        "benämns oftare som handlingsplaner och riktlinjer. Vi ser en risk med att "
        "styrdokumenten betecknas på ett sätt som kan bli missvisande ifråga om beslutsnivå.\n\n"
        "För strategiska IT-frågor ansvarar avdelningen för kommunikation och digitalisering "
        "inom kommunstyrelseförvaltningen. Avdelningen bildades i juni 2019. Varje förvaltning "
        "ansvarar dock för sin egen verksamhetsutveckling, för samverkan samt för att planera "
        "och budgetera för kostnader som genereras till följd av användning, förvaltning, drift "
        "och utveckling. Samtliga förvaltningar, förutom kommunstyrelseförvaltningen, har i "
        "enlighet med IT-Policy och Digital Strategi 2020+, tagit fram digitala "
        "handlingsplaner. I flera fall beskrivs att förvaltningarna har brutit ner planerna "
        "ytterligare i verksamhets- och/eller förvaltningsplaner. I det praktiska arbetet finns "
        "en förvaltningsmodell som används för struktur, och arbetet mellan förvaltningarna är "
        "delvis samordnat genom olika forum för utbyte. Prioriteringar görs dock på "
        "förvaltningarna, och i vissa fall på enhetsnivå, vilket medför att möjlighet till "
        "övergripande samordning kring aktiviteter eller utveckling, liksom möjlighet till "
        "kommunövergripande prioriteringar, saknas. Vi bedömer även att det saknas ett "
        "enhetligt sätt att göra kostnads- och nyttokalkyler på. Det finns en mall för "
        "projektdirektiv som används vid utveckling av projekt men hur utförliga dessa är "
        "varierar. Vi noterar att det kan försvåra prioritering då beslutsunderlag skiljer sig "
        "åt. Det görs inte någon samlad uppföljning av att styrelsens IT-Policy efterlevs, inte "
        "heller någon samlad uppföljning av att förväntade nyttor realiseras i kommunens "
        "digitaliseringsarbete. Vi bedömer därför att kommunstyrelsen är otydlig i sin uppsikt "
        "genom att inte efterfråga uppföljning för att säkerställa efterlevnad av policyn och "
        "att digitaliseringsarbetet bidrar till målfyllelse."
    ),
    "purpose": (
        "Granskningens syfte är att bedöma om kommunens verksamhetsutveckling med stöd av "
        "digitalisering är effektiv och ändamålsenlig samt huruvida den interna kontrollen "
        "rörande digitaliseringsprocessen är tillräcklig."
    ),
    "overall_assessment": (
        "Vår sammanfattande bedömning är att det saknas en tillräcklig intern kontroll i "
        "arbetet med digitalisering och vi identifierar att det finns utvecklingsområden i form "
        "av kostnads- och nyttokalkyler liksom en samlad överblick och uppföljning av arbetet, "
        "för att det i helhet ska kunna bedömas som ändamålsenligt. Vi ser även behov av en "
        "förstärkt politisk förankring av den digitala utvecklingen där fullmäktige ges "
        "möjlighet att fastställa den övergripande målbilden och dess kommunnyttor. Vi "
        "konstaterar dock att det arbetet som bedrivs på förvaltningarna i allt väsentligt är "
        "tillräckligt och att digitalisering, i de förvaltningar där verksamhetsnära intervjuer "
        "har genomförts, är en naturlig del i verksamhetsutvecklingen."
    ),
    "report_date": "2019-12-11",
    "missiv_date": None,
    "place": "Handen",
    "status": "skickad",
    "sent_on": "2019-12-18",
    "published": False,
    "ks_office_view": "",
    "council_proposal": "",
    "informed": ["KF"],
    "signatories": [],
    "questions": [
        {
            "text": (
                "Har inriktningsmålen för digitalisering konkretiserats på förvaltningsnivå "
                "genom verksamhetsplaner och handlingsplaner?"
            ),
            "answer": "delvis",
            "comment": (
                "Alla förvaltningar förutom kommunstyrelseförvaltningen har konkretiserat de "
                "strategiska fokusområdena i sina respektive digitala handlingsplaner genom "
                "aktiviteter. Kommunstyrelseförvaltningen saknar en sammanställd digital "
                "handlingsplan, varför en plan saknas har inte kunnat besvaras i granskningen. "
                "I flera fall framgår att förvaltningarna har brutit ner aktiviteterna "
                "ytterligare i verksamhetsplaner, förvaltningsplaner eller att enheter ska ta "
                "fram egna handlingsplaner med aktiviteter utifrån den förvaltningsgemensamma "
                "planen. Detta gäller även för kommunstyrelseförvaltningen där "
                "digitaliseringsaktiviteter framgår som aktiviteter i verksamhetsplaner på "
                "förvaltningen."
            ),
        },
        {
            "text": (
                "Finns det en tydlig roll- och ansvarsfördelning när det gäller kommunens "
                "digitalisering och är arbetet samordnat?"
            ),
            "answer": "ja",
            "comment": (
                "Det finns en tydlig roll- och ansvarsfördelning mellan DU och övriga "
                "förvaltningar. Hur arbetet med verksamhetsutveckling är organiserat skiljer "
                "sig dock. Det finns en förvaltningsmodell som används för struktur i arbetet "
                "och arbetet är delvis samordnat genom olika forum för utbyte. Det finns dock "
                "inte en samordning i exempelvis aktiviteter då varje förvaltning beslutar och "
                "genomför sina aktiviteter. Vi noterar även att den politiska styrningen på "
                "området är relativt otydlig, utöver uppdraget fullmäktige gav kommunstyrelsen "
                "2019 är IT-Policy det enda övergripande politiskt beslutade styrdokumentet."
            ),
        },
        {
            "text": (
                "Finns det strukturerade arbetssätt kring kostnads- och nyttokalkyler för "
                "digitalisering?"
            ),
            "answer": "nej",
            "comment": (
                "Det finns inget enhetligt sätt att göra kostnads- eller nyttokalkyler på. Det "
                "finns en mall för projektdirektiv som används vid utveckling av projekt, hur "
                "utförliga dessa är varierar dock. Vi noterar att det kan försvåra prioritering "
                "eftersom beslutsunderlag skiljer sig åt."
            ),
        },
        {
            "text": "Följer kommunstyrelsen upp att de förväntade nyttorna realiserar?",
            "answer": "nej",
            "comment": (
                "Kommunstyrelsen följer inte upp att förväntade nyttor i digitaliseringsarbetet "
                "realiserar."
            ),
        },
        {
            "text": (
                "Säkerställer kommunstyrelsen att verksamheterna beaktar säkerhet, juridik, "
                "teknik, arkitektur, ekonomi och användarnytta i sitt digitaliseringsarbete?"
            ),
            "answer": "nej",
            "comment": (
                "Av IT-policy framgår övergripande förhållningssätt för arbetet med "
                "digitalisering. Ingen central uppföljning av om genomförda aktiviteter "
                "uppfyller dessa görs dock.\n\n"
                "KDLG har beslutat om Digital strategi 2020+ där principer att beakta vid "
                "utveckling framgår. Stöd finns också delvis genom utvecklingsprocessen, "
                "exempelvis bistår DU i att säkerställa att projekt uppfyller krav på säkerhet, "
                "samt mall för projektdirektiv."
            ),
        },
        {
            "text": (
                "Finns det ett strukturerat arbetssätt för att identifiera och hantera "
                "övergripande hinder och utmaningar i den digitala utvecklingen?"
            ),
            "answer": "delvis",
            "comment": (
                "Det finns forum för diskussion mellan IT-strateger på förvaltningarna liksom "
                "mellan förvaltningsledarna och inom DU. Prioriteringar görs på förvaltningarna "
                "och i vissa fall på enhetsnivå, vilket medför att möjlighet till "
                "kommungemensamma prioriteringar idag saknas. Flera förvaltningar har påbörjat "
                "ett arbete för att möjliggöra prioriteringar inom förvaltningen genom att "
                "enheter utarbetar egna handlingsplaner vilka samordnas centralt på "
                "förvaltningen. Det medför överblick samt styrning."
            ),
        },
        {
            "text": (
                "Beaktas risker kopplade till digitalisering i styrelsens och nämndernas "
                "interna kontroll?"
            ),
            "answer": "delvis",
            "comment": (
                "Det finns kommungemensamma moment för IT-säkerhet och styrdokument. Risker "
                "kopplade till digitalisering i en bredare bemärkelse, exempelvis utifrån "
                "verksamhetsutveckling, framgår inte."
            ),
        },
    ],
    "recipients": [{"committee": "KS", "deadline": "2020-03-31"}],
    "recommendations": [
        {
            "text": (
                "Utarbetar riktlinjer för risk- och nyttokalkyler inom digitaliseringsprojekt "
                "för en ökad intern kontroll, struktur och transparens samt bättre möjligheter "
                "till prioritering"
            ),
            "to": ["KS"],
        },
        {
            "text": (
                "Säkerställer en strukturerad uppföljning (uppsikt) av kommunens samlade "
                "digitaliseringsarbete för att säkerställa att förväntade nyttor realiseras "
                "samt effektivitet och ändamålsenlighet i arbetet med digitalisering"
            ),
            "to": ["KS"],
        },
        {
            "text": (
                "Föreslår kommunfullmäktige fastställande av en digital utvecklingspolicy med "
                "förankring i de fullmäktigemål som utgör styrmodell."
            ),
            "to": ["KS"],
        },
    ],
    "responses": [],
}
