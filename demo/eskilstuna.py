"""Eskilstuna: KPMG's audit of digitalisation, the seven answers and the anmälan (seed 002).

Texts are verbatim from the seed. The recommendations follow the report's section 4.2 (six to
kommunstyrelsen, one of them shared with the six nämnder). The seed's text has lost the headers
of the protokollsutdrag and tjänsteskrivelser, so these are chosen for the demo and not in the
seed: every meeting_date; the handläggare (the official who signed the tjänsteskrivelse, the
second signatory where two signed; KFN's skrivelse is unsigned, so its handläggare is empty).
Also chosen: the positions (all "instämmer": kommunledningskontoret writes that all committees
agree), which passages of each answer are the planned actions for which recommendation, the
planned dates read from "senast juni 2023", "under innevarande år", "inför 2024", "under 2023",
"under året" and "februarinämnden 2023", and the time of day of sent_at and submitted_at. The
seed's only words on KFN's extension are the statement used as its reason. The demo users'
names are invented.
"""

MUNICIPALITY = {"name": "Eskilstuna", "slug": "eskilstuna"}

COMMITTEES = [
    {"short_name": "KF", "name": "Kommunfullmäktige", "kind": "kommunfullmaktige"},
    {"short_name": "KS", "name": "Kommunstyrelsen", "kind": "kommunstyrelsen"},
    {"short_name": "GSN", "name": "Grundskolenämnden", "kind": "namnd"},
    {"short_name": "GN", "name": "Gymnasienämnden", "kind": "namnd"},
    {"short_name": "KFN", "name": "Kultur- och fritidsnämnden", "kind": "namnd"},
    {"short_name": "SOCN", "name": "Socialnämnden", "kind": "namnd"},
    {"short_name": "SBN", "name": "Stadsbyggnadsnämnden", "kind": "namnd"},
    {"short_name": "VON", "name": "Vård- och omsorgsnämnden", "kind": "namnd"},
    {"short_name": "REV", "name": "Kommunrevisionen", "kind": "revisionen"},
]

USERS = {
    "revisor": ["Eva", "Sandberg"],
    "ks": ["Mikael", "Forsberg"],
    "sekreterare": {
        "KS": ["Ida", "Engström"],
        "GSN": ["Fredrik", "Hedlund"],
        "GN": ["Sofia", "Björk"],
        "KFN": ["Linnea", "Åberg"],
        "SOCN": ["Daniel", "Nordin"],
        "SBN": ["Emma", "Holmberg"],
        "VON": ["Jonas", "Lundqvist"],
    },
}

AUDIT = {
    "title": "Granskning av kommunens digitaliseringsarbete",
    "kind": "granskning",
    "year": 2022,
    "consultant_firm": "KPMG",
    "consultant_people": "Jenny Thörn, William Andreasson, Mikael Lind",
    "auditor_group": "",
    "summary": (
        "Vi har med stöd av KPMG genomfört en granskning av kommunens digitaliseringsarbete. "
        "Syftet med granskningen har varit att bedöma om kommunstyrelsen och nämnderna har en "
        "tillräcklig styrning och uppföljning av digitaliseringsarbetet.\n\n"
        "Bakgrunden till granskningen är att digitalisering är en stor och pågående "
        "samhällsförändring och har blivit ett av de viktigaste verktygen för en fortsatt "
        "utveckling och effektivisering av den offentliga sektorn. Den demografiska "
        "utvecklingen utmanar svensk välfärd och kommunerna generellt och även Eskilstuna "
        "behöver tillhandahålla välfärd på helt nya och smartare sätt. Digitalisering är dock "
        "aldrig ett mål i sig, det är däremot högkvalitativ och likvärdig vård och skola, en "
        "effektiv och hållbar stadsbyggnadsprocess samt en öppen, serviceinriktad och "
        "tillgänglig förvaltning med mera."
    ),
    "purpose": (
        "Syftet med granskningen har varit att bedöma om kommunstyrelsen och nämnderna har en "
        "tillräcklig styrning och uppföljning av digitaliseringsarbetet."
    ),
    "overall_assessment": (
        "Utifrån vår granskning är vår övergripande bedömning att styrning och uppföljning inte "
        "fullt ut är ändamålsenlig för att de förväntade kvalitets- effektivitets- och "
        "nyttoeffekterna av digitaliseringsarbetet i kommunen ska uppnås.\n\n"
        "Som underlag för vår bedömning har vi från vår granskning särskilt noterat att "
        "samtliga nämnder inte ännu har beslutat om mål- och handlingsplaner som styr i "
        "riktning mot kommunens övergripande styrdokument - Program för digital transformation "
        "samt att den systematik som programmet anger saknas i arbetet.\n\n"
        "Vi kan också se att det finns otydligheter gällande roller och ansvar samt "
        "resursfördelning mellan olika nämnder, förvaltningar och funktioner. Detta kan leda "
        "till suboptimering och effektivitetsbortfall i digitaliseringsarbetet."
    ),
    "report_date": "2022-11-28",
    "missiv_date": "2022-12-01",
    "place": "Eskilstuna",
    "status": "anmald",
    "sent_on": "2022-12-01",
    "published": True,
    "ks_office_view": (
        "Kommunledningskontoret instämmer i de rekommendationer som KPMG har lagt för samtliga "
        "nämnder. De svar som inkommit från nämnderna indikerar att samtliga nämnder också "
        "instämmer i rekommendationerna men även lyfter behovet av resursförstärkning.\n\n"
        "Det utvecklingsarbete som pågår inom ”Ändamålsenligt IT- och digitaliseringsarbete” "
        "kommer att tillgodose stora delar av rekommendationerna. Behov av utökade resurser "
        "behöver dock hanteras inom ordinarie process inför beslut i årsplan."
    ),
    "council_proposal": (
        "Kommunrevisionens granskning av kommunens digitalisering samt kommunstyrelsens och "
        "nämnders svar läggs till handlingarna."
    ),
    "informed": ["KF"],
    "signatories": [
        {"name": "Tommy Kvarsell", "title": "Ordförande"},
        {"name": "Majvor Gyllhamn", "title": "Vice ordförande"},
    ],
    "questions": [
        {
            "text": (
                "Finns en övergripande styrning av digitaliseringsarbetet inklusive mål för "
                "arbetet, exempelvis i form av en strategi?"
            ),
            "answer": "",
            "comment": "",
        },
        {
            "text": (
                "Har nämnderna beslutat om mål- och handlingsplaner som styr i riktning mot "
                "digitaliseringsstrategin?"
            ),
            "answer": "",
            "comment": "",
        },
        {
            "text": (
                "Finns det en tydlig ansvars- och resursfördelning för digitaliseringsarbetet?"
            ),
            "answer": "",
            "comment": "",
        },
        {
            "text": (
                "Har beslutsunderlag för de digitaliseringsprojekt som genomförts på ett "
                "tydligt sätt presenterat behov och förväntade nyttoeffekter?"
            ),
            "answer": "",
            "comment": "",
        },
        {
            "text": (
                "Säkerställer styrelse/nämnder att arbetet när det är möjligt sker samordnat "
                "över förvaltningsgränser för att undvika suboptimeringar?"
            ),
            "answer": "",
            "comment": "",
        },
        {
            "text": (
                "Har medborgare, brukare, elever eller andra intressenter inbjudits att delta i "
                "utvecklingsarbetets tidiga faser för att identifiera behov och anpassa "
                "digitala lösningar så att människors olika förutsättningar att ta del av ny "
                "teknik beaktats?"
            ),
            "answer": "",
            "comment": "",
        },
        {
            "text": (
                "Har riskanalyser inkluderats i digitaliseringsprojekt, är dessa dokumenterade "
                "och har åtgärder vidtagits för att möta risker till en acceptabel nivå?"
            ),
            "answer": "",
            "comment": "",
        },
        {
            "text": (
                "Finns det en tillräcklig uppföljning av de digitaliseringsprojekt som "
                "genomförts?"
            ),
            "answer": "",
            "comment": "",
        },
    ],
    "recipients": [
        {"committee": "KS", "deadline": "2023-03-20"},
        {"committee": "GSN", "deadline": "2023-03-20"},
        {"committee": "GN", "deadline": "2023-03-20"},
        {
            "committee": "KFN",
            "deadline": "2023-03-20",
            "extended_deadline": "2023-03-24",
            "extension_reason": (
                "Synpunkter och kommentarer på granskningen ska lämnas kommunrevisionen senast "
                "2023-03-20, men nämnden har fått förlängd svarstid till 2023-03-24."
            ),
        },
        {"committee": "SOCN", "deadline": "2023-03-20"},
        {"committee": "SBN", "deadline": "2023-03-20"},
        {"committee": "VON", "deadline": "2023-03-20"},
    ],
    "recommendations": [
        {
            "text": (
                "Slutföra processkartläggning för bedömning av resursbehov mellan "
                "digitaliseringsenheten och förvaltningarna så att var och en kan etablera en "
                "organisation för arbetet med verksamhetsutveckling och digitalisering"
            ),
            "to": ["KS"],
        },
        {
            "text": (
                "Säkerställa att digitaliseringsarbetet genomförs i enlighet med de "
                "möjliggörande principer och särskilda faktorer som program och planer anger."
            ),
            "to": ["KS", "GSN", "GN", "KFN", "SOCN", "SBN", "VON"],
        },
        {
            "text": (
                "Fastställa och implementera Riktlinje för kvalitets- och verksamhetsutveckling"
            ),
            "to": ["KS"],
        },
        {
            "text": (
                "Utvärdera om nuvarande resurser för digitalisering (inklusive tekniska "
                "utvecklingsbehov) står i relation till den ambitionsnivå som beslutats i "
                "program för digital transformation"
            ),
            "to": ["KS"],
        },
        {
            "text": (
                "Säkerställa att det finns en tydlig roll- och ansvarsfördelning i "
                "digitaliseringsarbetet mellan kommunledningskontoret, serviceförvaltningen och "
                "förvaltningar/bolag för samordning och undvika effektivitetsbortfall"
            ),
            "to": ["KS"],
        },
        {
            "text": (
                "Etablera en uppföljning av det koncernövergripande digitaliseringsarbetet för "
                "att säkerställa att det utvecklas i enlighet med programmet för digital "
                "transformation"
            ),
            "to": ["KS"],
        },
        {
            "text": (
                "Upprätta och fastställa plan för digital transformation i enlighet med det "
                "uppdrag som gavs 2021."
            ),
            "to": ["GSN", "GN", "KFN", "SOCN"],
        },
        {
            "text": (
                "Etablera ett mer systematiskt och strukturerat digitaliseringsarbete där "
                "väsentliga delar dokumenteras och kan följas upp."
            ),
            "to": ["GSN", "GN", "KFN", "SOCN", "SBN", "VON"],
        },
        {
            "text": (
                "Säkerställa att resurser i form av personal och budget finns för att bedriva "
                "ett ändamålsenligt verksamhetsutvecklings- och digitaliseringsarbete som står "
                "i relation med den beslutade ambitionsnivån för kommunens digitala "
                "transformation."
            ),
            "to": ["GSN", "GN", "KFN", "SOCN", "SBN", "VON"],
        },
    ],
    "responses": [
        {
            "committee": "KS",
            "meeting_date": "2023-03-14",
            "paragraf": "§ 85",
            "diarienummer": "KSKF/2022:442",
            "handlaggare": "Eva Norberg",
            "beslut": (
                "1. Kommunledningskontorets förslag antas som kommunstyrelsens svar på "
                "kommunrevisionens granskning av kommunens digitalisering."
            ),
            "summary": (
                "Kommunstyrelsen uppger i sitt svar att de ställer sig positiva till de "
                "rekommendationer som granskningen ger och att de ligger i linje med slutsatser "
                "som gjorts vid en tidigare gjord analys av extern part. Arbeta pågår och är "
                "planerat för att möta de rekommendationer som kommunrevisionen ger."
            ),
            "positions": [
                {
                    "recommendation": 1,
                    "position": "instammer",
                    "planned_actions": (
                        "I arbetet ingår det att slutföra pågående processkartläggning av "
                        "Eskilstuna kommuns IT-processer, att etablera verksamhetsnära "
                        "objektförvaltning med syfte att säkerställa god livscykelhantering, "
                        "intern effektivitet och samordning av digitaliseringsinitiativ. "
                        "Processkartläggning kommer slutföras senast juni 2023 och arbete pågår "
                        "för att förbättra objektförvaltningen."
                    ),
                    "responsible": "Kommunledningskontoret",
                    "planned_date": "2023-06-30",
                },
                {
                    "recommendation": 2,
                    "position": "instammer",
                    "planned_actions": (
                        "Vidare kommer en ökad projektmognad och etableringen av ett "
                        "strategiskt projektkontor möjliggöra kvalitetssäkring så att "
                        "utvecklingsinitiativ som drivs i projektform genomförs i enlighet med "
                        "de möjliggörande principerna och särskilda faktorer som program och "
                        "planer anger."
                    ),
                    "responsible": "Kommunledningskontoret",
                    "planned_date": None,
                },
                {
                    "recommendation": 3,
                    "position": "instammer",
                    "planned_actions": (
                        "Implementeringen av den nya kvalitets- och "
                        "verksamhetsutvecklingsprocessen pågår och kommer, i enlighet med "
                        "granskningens rekommendationer, att fastställas och implementeras "
                        "under innevarande år och fortsätta utvecklas därefter."
                    ),
                    "responsible": "Kommunledningskontoret",
                    "planned_date": "2023-12-31",
                },
                {
                    "recommendation": 4,
                    "position": "instammer",
                    "planned_actions": (
                        "Det ingår även att etablera ett strategiskt projektkontor, öka "
                        "kommunens projektmognad och införa portföljstyrning. Dessa båda delar "
                        "skapar förutsättningar för att kunna bedöma nuvarande kapacitet och "
                        "definiera framtida behov så att det ligger i linje med ambitionsnivån "
                        "som beslutats i program för digital transformation som "
                        "kommunrevisionen rekommenderar. Parallellt med bedömningen görs också "
                        "basöverenskommelsen för IT-infrastruktur och digitalisering om inför "
                        "2024. Detta genom att separera kommunens IT-kostnader till att enbart "
                        "innefatta vidmakthållande från det som behövs för att kunna driva en "
                        "väl balanserad digital utveckling."
                    ),
                    "responsible": "Kommunledningskontoret",
                    "planned_date": "2023-12-31",
                },
                {
                    "recommendation": 5,
                    "position": "instammer",
                    "planned_actions": (
                        "Revisionens bedömning är att detta ännu inte fullt ut klargjorts på "
                        "grund av det pågående etableringsarbetet, en bedömning som "
                        "kommunledningskontoret delar. Uppfattningen är dock att det som nämns "
                        "ovan, tillsammans med arbetet att etablera en verksamhetsnära "
                        "objektförvaltning, kommer möta granskningens rekommendationer med att "
                        "säkerställa att det finns en tydlig roll- och ansvarsfördelning i "
                        "digitaliseringsarbetet mellan kommunledningskontoret, "
                        "serviceförvaltningen och förvaltningar/bolag."
                    ),
                    "responsible": "Kommunledningskontoret",
                    "planned_date": None,
                },
                {
                    "recommendation": 6,
                    "position": "instammer",
                    "planned_actions": (
                        "Insikterna från rapporten i kombination med kommunrevisionens "
                        "granskning har utmynnat i ett åtgärds paket som ska genomföras under "
                        "2023. Det arbetet benämns som Ändamålsenligt IT- och "
                        "digitaliseringsarbete och ligger i linje med vad som behöver göras för "
                        "att arbeta utifrån granskningens rekommendationer.\n\n"
                        "Det gör det dessutom möjligt att systematiskt följa upp effekterna av "
                        "färdigställda projekt, över tid."
                    ),
                    "responsible": "Kommunledningskontoret",
                    "planned_date": "2023-12-31",
                },
            ],
        },
        {
            "committee": "GSN",
            "meeting_date": "2023-02-23",
            "paragraf": "§ 19",
            "diarienummer": "GSN/2022:817",
            "handlaggare": "Ingrid Sköldmo",
            "beslut": (
                "1. Nämnden godkänner yttrandet och överlämnar yttrandet till Kommunrevisionen."
            ),
            "summary": (
                "Grundskole- och gymnasienämndens yttrande på kommunrevisionens "
                "rekommendationer visar på att nämnderna är positiva till de rekommendationer "
                "som ges och det finns en plan för att möta dem. Nämnderna lyfter upp att "
                "tillgång till resurser och kompetens behöver riktas specifikt mot "
                "utbildningsverksamheten inom alla stödverksamheter för att man ska kunna uppnå "
                "full potential av digitaliseringen. Det behövs ett ökat samarbete över "
                "förvaltningsgränser för effektivitet och lärande.\n\n"
                "Särskild uppmärksamhet behöver också ägnas runt förståelse av hur användning, "
                "kompetens och digitaliseringen påverkar elever, lärare och undervisningen."
            ),
            "positions": [
                {
                    "recommendation": 2,
                    "position": "instammer",
                    "planned_actions": (
                        "Förvaltningsledningen har därefter tagit fram en strategisk inriktning "
                        "för att konkretisera strategin till aktiviteter där gemensamma behov "
                        "har identifierats över skolverksamheterna. Dessa projekt har under "
                        "2020-2023 i huvudsak haft fokus på generationsskiftet av äldre "
                        "existerande system samt nyttorealiserings av mer nyligen upphandlade "
                        "system."
                    ),
                    "responsible": "Barn- och utbildningsförvaltningen",
                    "planned_date": None,
                },
                {
                    "recommendation": 7,
                    "position": "instammer",
                    "planned_actions": (
                        "Under året kommer nämnden involveras i arbetet med att utforma en "
                        "digitaliseringsplan utifrån läroplaner och nationella mål. Men också "
                        "utifrån innovation och effektivitet i förvaltningens möte med interna "
                        "och externa intressenter. Där digitaliseringen syftar till att "
                        "utveckla och addera värde till verksamhetens framdrift."
                    ),
                    "responsible": "Barn- och utbildningsförvaltningen",
                    "planned_date": "2023-12-31",
                },
                {
                    "recommendation": 8,
                    "position": "instammer",
                    "planned_actions": (
                        "Under året kommer nämnden involveras i arbetet med att utforma en "
                        "digitaliseringsplan utifrån läroplaner och nationella mål. Men också "
                        "utifrån innovation och effektivitet i förvaltningens möte med interna "
                        "och externa intressenter. Där digitaliseringen syftar till att "
                        "utveckla och addera värde till verksamhetens framdrift."
                    ),
                    "responsible": "Barn- och utbildningsförvaltningen",
                    "planned_date": "2023-12-31",
                },
                {
                    "recommendation": 9,
                    "position": "instammer",
                    "planned_actions": (
                        "För att bedriva ändamålsenlig verksamhetsutveckling kopplat till "
                        "digitalisering har förvaltningen resurser i form av "
                        "verksamhetsutvecklare och nätverk av representanter för den "
                        "pedagogiska verksamheten. För att nå fasen digital transformation, "
                        "behövs en ökad tillgång av IT kompetens inom både kommunkoncernen som "
                        "riktas mot förvaltningen. Detta är något som är viktigt att förstå för "
                        "att sätta takten för transformationen.\n\n"
                        "För att kunna nå full potential av dessa möjligheter behöver tillgång "
                        "till resurser och kompetens tydligare riktas specifikt mot "
                        "utbildningsverksamheten inom alla stödverksamheter. Det behövs ett "
                        "ökat samarbete över förvaltningsgränser för effektivitet och lärande. "
                        "Och, det behöver ägnas särskild uppmärksamhet runt förståelse av hur "
                        "användning, kompetens och digitaliseringen påverkar elever, lärare och "
                        "undervisningen."
                    ),
                    "responsible": "Barn- och utbildningsförvaltningen",
                    "planned_date": None,
                },
            ],
        },
        {
            "committee": "GN",
            "meeting_date": "2023-02-22",
            "paragraf": "§ 16",
            "diarienummer": "GN/2022:136",
            "handlaggare": "Ingrid Sköldmo",
            "beslut": (
                "Nämnden godkänner yttrandet och överlämnar yttrandet till Kommunrevisionen."
            ),
            "summary": (
                "Grundskole- och gymnasienämndens yttrande på kommunrevisionens "
                "rekommendationer visar på att nämnderna är positiva till de rekommendationer "
                "som ges och det finns en plan för att möta dem. Nämnderna lyfter upp att "
                "tillgång till resurser och kompetens behöver riktas specifikt mot "
                "utbildningsverksamheten inom alla stödverksamheter för att man ska kunna uppnå "
                "full potential av digitaliseringen. Det behövs ett ökat samarbete över "
                "förvaltningsgränser för effektivitet och lärande.\n\n"
                "Särskild uppmärksamhet behöver också ägnas runt förståelse av hur användning, "
                "kompetens och digitaliseringen påverkar elever, lärare och undervisningen."
            ),
            "positions": [
                {
                    "recommendation": 2,
                    "position": "instammer",
                    "planned_actions": (
                        "Förvaltningsledningen har därefter tagit fram en strategisk inriktning "
                        "för att konkretisera strategin till aktiviteter där gemensamma behov "
                        "har identifierats över skolverksamheterna. Dessa projekt har under "
                        "2020-2023 i huvudsak haft fokus på generationsskiften av äldre "
                        "existerande system samt nyttorealiserings av mer nyligen upphandlade "
                        "system."
                    ),
                    "responsible": "Barn- och utbildningsförvaltningen",
                    "planned_date": None,
                },
                {
                    "recommendation": 7,
                    "position": "instammer",
                    "planned_actions": (
                        "Under året kommer nämnden involveras i arbetet med att utforma en "
                        "digitaliseringsplan utifrån läroplaner och nationella mål. Men också "
                        "utifrån innovation och effektivitet i förvaltningens möte med interna "
                        "och externa intressenter. Där digitaliseringen syftar till att "
                        "utveckla och addera värde till verksamhetens framdrift."
                    ),
                    "responsible": "Barn- och utbildningsförvaltningen",
                    "planned_date": "2023-12-31",
                },
                {
                    "recommendation": 8,
                    "position": "instammer",
                    "planned_actions": (
                        "Under året kommer nämnden involveras i arbetet med att utforma en "
                        "digitaliseringsplan utifrån läroplaner och nationella mål. Men också "
                        "utifrån innovation och effektivitet i förvaltningens möte med interna "
                        "och externa intressenter. Där digitaliseringen syftar till att "
                        "utveckla och addera värde till verksamhetens framdrift."
                    ),
                    "responsible": "Barn- och utbildningsförvaltningen",
                    "planned_date": "2023-12-31",
                },
                {
                    "recommendation": 9,
                    "position": "instammer",
                    "planned_actions": (
                        "För att bedriva ändamålsenlig verksamhetsutveckling kopplat till "
                        "digitalisering har förvaltningen resurser i form av "
                        "verksamhetsutvecklare och nätverk av representanter för den "
                        "pedagogiska verksamheten. För att nå fasen digital transformation, "
                        "behövs en ökad tillgång av IT kompetens inom både kommunkoncernen som "
                        "riktas mot förvaltningen. Detta är något som är viktigt att förstå för "
                        "att sätta takten för transformationen.\n\n"
                        "För att kunna nå full potential av dessa möjligheter behöver tillgång "
                        "till resurser och kompetens tydligare riktas specifikt mot "
                        "utbildningsverksamheten inom alla stödverksamheter. Det behövs ett "
                        "ökat samarbete över förvaltningsgränser för effektivitet och lärande. "
                        "Och, det behöver ägnas särskild uppmärksamhet runt förståelse av hur "
                        "användning, kompetens och digitaliseringen påverkar elever, lärare och "
                        "undervisningen."
                    ),
                    "responsible": "Barn- och utbildningsförvaltningen",
                    "planned_date": None,
                },
            ],
        },
        {
            "committee": "KFN",
            "meeting_date": "2023-03-23",
            "paragraf": "§ 20",
            "diarienummer": "KFN/2023:41",
            "handlaggare": "",
            "beslut": (
                "1. Förvaltningens förslag till yttrande antas som nämndens svar på "
                "kommunrevisionens granskning av kommunens digitaliseringsarbete och överlämnar "
                "det till kommunrevisionen."
            ),
            "summary": (
                "Kultur- och fritidsnämnden ger kommunrevisionens granskning medhåll gällande "
                "rekommendationerna och visar på en plan för hur de ska mötas med start under "
                "2023. Nämnden lyfter särskilt att verksamheten har en stor bredd och stora "
                "olikheter vilket ger en utmaning då många mindre/smälare initiativ behöver "
                "rätt kompetens inom IT (informationsteknologi) som kan matcha "
                "verksamhetskompetensen. Nämnden lyfter vikten av att det finns stöd från "
                "kommunstyrelsen både vad gäller kompetenser och finansiering för att samtliga "
                "nämnder ska uppfylla målen i programmet för digital transformation."
            ),
            "positions": [
                {
                    "recommendation": 2,
                    "position": "instammer",
                    "planned_actions": (
                        "Under 2023 kommer kultur- och fritidsnämnden arbeta med de fyra "
                        "punkter som kommunrevisionen framhåller."
                    ),
                    "responsible": "Kultur- och fritidsförvaltningen",
                    "planned_date": "2023-12-31",
                },
                {
                    "recommendation": 7,
                    "position": "instammer",
                    "planned_actions": (
                        "Under 2023 kommer kultur- och fritidsnämnden arbeta med de fyra "
                        "punkter som kommunrevisionen framhåller."
                    ),
                    "responsible": "Kultur- och fritidsförvaltningen",
                    "planned_date": "2023-12-31",
                },
                {
                    "recommendation": 8,
                    "position": "instammer",
                    "planned_actions": (
                        "Det finns många digitaliseringsinitiativ som har pågått och pågår i "
                        "förvaltningen, men precis som revisionen påpekar, saknas ett mer "
                        "systematiskt och strukturerat digitaliseringsarbete där väsentliga "
                        "delar dokumenteras och kan följas upp.\n\n"
                        "Förvaltningen har arbetat med att synliggöra och samla initiativ som "
                        "redan pågår, för att kunna göra rimliga prioriteringar i ledningen.\n\n"
                        "Under 2023 kommer kultur- och fritidsnämnden arbeta med de fyra "
                        "punkter som kommunrevisionen framhåller."
                    ),
                    "responsible": "Kultur- och fritidsförvaltningen",
                    "planned_date": "2023-12-31",
                },
                {
                    "recommendation": 9,
                    "position": "instammer",
                    "planned_actions": (
                        "För att nå fasen digital transformation, behövs en ökad IT kompetens, "
                        "kopplad till verksamhetsnytta, inom både kommunkoncernen samt "
                        "förvaltningen.\n\n"
                        "Det är viktigt att det finns stöd från kommunstyrelsen både vad gäller "
                        "kompetenser och finansiering för att nämnderna ska uppfylla målen i "
                        "programmet för digital transformation."
                    ),
                    "responsible": "Kultur- och fritidsförvaltningen",
                    "planned_date": "2023-12-31",
                },
            ],
        },
        {
            "committee": "SOCN",
            "meeting_date": "2023-01-26",
            "paragraf": "§ 12",
            "diarienummer": "SOCN/2022:114",
            "handlaggare": "Elisabeth Kantor",
            "beslut": "1. Nämnden godkänner yttrandet och överlämnar detta till kommunrevisionen.",
            "summary": (
                "Socialnämnden uppger i sitt svar att de har en plan för att möta de "
                "rekommendationer som granskningen ger. Nämnden anser att förvaltningen har "
                "resurser i form av personal med verksamhetskompetens för att driva "
                "verksamhetsutveckling. När det går över till att handla om digitalisering, "
                "behövs en mix av verksamhetskompetens och IT-kompetens. För att nå fasen "
                "digital transformation, behövs en ökad IT kompetens inom både kommunkoncernen "
                "samt förvaltningen.\n\n"
                "Nämnden uppger att ökad finansiering behövs för att nå full potential av "
                "digitalisering och uppger att förvaltningen är övertygad det skulle vara en "
                "långsiktigt lönsam investering för kommunen."
            ),
            "positions": [
                {
                    "recommendation": 2,
                    "position": "instammer",
                    "planned_actions": (
                        "Vidare sker digitaliseringsarbete inom förvaltningen enligt de "
                        "möjliggörande principerna och bidrar till att uppfylla målen som finns "
                        "inom de prioriterade områdena."
                    ),
                    "responsible": "Socialförvaltningen",
                    "planned_date": None,
                },
                {
                    "recommendation": 7,
                    "position": "instammer",
                    "planned_actions": (
                        "Socialförvaltningen har under 2022 arbetat utifrån en "
                        "digitaliseringsplan med målet och ambitionsnivån att nå fasen digital "
                        "transformation. Socialnämnden kommer att godkänna förvaltningens plan "
                        "för digital transformation 2023 – 2024 under februarinämnden 2023 "
                        "enligt uppdrag som gavs 2021."
                    ),
                    "responsible": "Socialförvaltningen",
                    "planned_date": "2023-02-28",
                },
                {
                    "recommendation": 8,
                    "position": "instammer",
                    "planned_actions": (
                        "Sedan början av 2022 sker digitaliseringsarbetet inom förvaltningen "
                        "enligt bästa praxis ITIL4, där vi har tydliga processer och "
                        "väldokumenterade förstudier och beslutsunderlag."
                    ),
                    "responsible": "Socialförvaltningen",
                    "planned_date": None,
                },
                {
                    "recommendation": 9,
                    "position": "instammer",
                    "planned_actions": (
                        "För att bedriva ändamålsenlig verksamhetsutveckling har förvaltningen "
                        "resurser i form av personal med verksamhetskompetens. När det däremot "
                        "kommer till digitaliseringsarbetet, behövs en mix av "
                        "verksamhetskompetens och informationsteknologi (IT) kompetens. För att "
                        "nå fasen digital transformation, behövs en ökad IT kompetens inom både "
                        "kommunkoncernen samt förvaltningen.\n\n"
                        "För att kunna nå full potential av dessa möjligheter behövs dock ökad "
                        "finansiering för att säkerställa att vi har den personal och tekniska "
                        "utrustning som krävs. Detta skulle innebära att vi kan erbjuda bättre "
                        "service för våra medborgare, samtidigt som vi kan effektivisera våra "
                        "rutiner och processer. Förvaltningen är övertygade om att en ökad "
                        "finansiering skulle vara en långsiktigt lönsam investering för "
                        "kommunen."
                    ),
                    "responsible": "Socialförvaltningen",
                    "planned_date": None,
                },
            ],
        },
        {
            "committee": "SBN",
            "meeting_date": "2023-03-16",
            "paragraf": "§ 45",
            "diarienummer": "SBN/2022:725",
            "handlaggare": "Marianne Hagman",
            "beslut": "Yttrandet godkänns och översänds till Kommunstyrelsen samt revisionen.",
            "summary": (
                "Stadsbyggnadsnämnden uppger i sitt svar att de ställer sig positiv till "
                "revisionens rekommendationer och lämnar några förtydliganden och medskick. "
                "Bland annat att arbetet med kommunstyrelsens rekommendationer som utförs av "
                "kommunledningskontoret förväntas ge en tydligare process kring digitalisering. "
                "Samt att arbetet beräknas stärka förmågan till systematik, struktur och "
                "dokumentation hos nämnden."
            ),
            "positions": [
                {
                    "recommendation": 2,
                    "position": "instammer",
                    "planned_actions": (
                        "Digitaliseringen inom kommunen är för närvarande under översyn och "
                        "justering på Kommunledningskontoret. Påverkan av den eventuella "
                        "förändringen bedöms dock inte ha en direkt påverkan på nämndens "
                        "verksamhet annat än att det skapar en tydligare process kring "
                        "digitalisering i form av styrning och kontroll utifrån programmet för "
                        "digital transformation."
                    ),
                    "responsible": "Stadsbyggnadsförvaltningen",
                    "planned_date": None,
                },
                {
                    "recommendation": 8,
                    "position": "instammer",
                    "planned_actions": (
                        "Som en del av det pågående förändringsarbetet hos "
                        "Kommunledningskontoret utvecklas metoder och verktyg och det planeras "
                        "att införas portföljstyrning vilket stärker förmågan till systematik, "
                        "struktur och dokumentation."
                    ),
                    "responsible": "Stadsbyggnadsförvaltningen",
                    "planned_date": None,
                },
                {
                    "recommendation": 9,
                    "position": "instammer",
                    "planned_actions": (
                        "Stadsbyggnadsförvaltningen har förstärkt personalstyrkan genom att "
                        "anställa en utvecklare med inriktning digitalisering till "
                        "förvaltningsstaben som skall vara en central funktion och hålla ihop "
                        "dessa frågor. Kopplat till detta arbete finns också sen tidigare en "
                        "särskild avsatt budgetpost för digitaliseringsinitiativ."
                    ),
                    "responsible": "Stadsbyggnadsförvaltningen",
                    "planned_date": None,
                },
            ],
        },
        {
            "committee": "VON",
            "meeting_date": "2023-02-16",
            "paragraf": "§ 19",
            "diarienummer": "VON/2022:125",
            "handlaggare": "Åsa Tavemark",
            "beslut": (
                "1. Vård- och omsorgsnämnden ställer sig bakom förvaltningens kommentarer och "
                "synpunkter om Eskilstuna kommuns revisorers rapport angående kommunens "
                "digitaliseringsarbete och överlämnar det till revisorerna."
            ),
            "summary": (
                "Vård- och omsorgsnämndens svar redovisar hur förvaltningens pågående och "
                "planerade arbete kommer att möta upp mot var och en av de rekommendationer som "
                "nämnden getts av kommunrevisionen. Nämnden lyfter fram att förvaltningen har "
                "startat en utvecklingsenhet som ansvarar för att samordna och stödja "
                "verksamheterna i deras utvecklings- och digitaliseringsarbete, både det som "
                "innebär förändrade arbetssätt och det som innebär digitalisering. En ny "
                "process för att styra, leda, dokumentera och följa upp projekt och uppdrag i "
                "förvaltningen har tagits fram. Förvaltningen uppger också att samverkan mellan "
                "förvaltningens olika verksamheter och utvecklingsenheten samt samverkan mellan "
                "utvecklingsenheten och kommunens centrala IT-enhet intensifierats i syfte att "
                "skapa drivkraft i utvecklings- och digitaliseringsarbetet.\n\n"
                "Nämnden uppger även att en översyn av styrnings- och ledningsstrukturen på "
                "förvaltningen ses över, i syfte att skapa ett ändamålsenligt utvecklings- och "
                "digitaliseringsarbete som ligger i linje med förvaltningens och kommunens "
                "ambitionsnivå för den digitala transformationen."
            ),
            "positions": [
                {
                    "recommendation": 2,
                    "position": "instammer",
                    "planned_actions": (
                        "Förvaltningen har startat en utvecklingsenhet som ansvarar för att "
                        "samordna och stödja verksamheterna i deras utvecklings- och "
                        "digitaliseringsarbete, både det som innebär förändrade arbetssätt och "
                        "det som innebär digitalisering. Tillsammans med utvecklingschef drivs "
                        "arbetet av medarbetare med särskild kompetens inom området och i nära "
                        "samverkan med verksamheten. Enheten säkerställer också att "
                        "förvaltningen följer lagar och regler om informationssäkerhet och "
                        "dataskydd. För att säkerställa ett systematiskt och strukturerat "
                        "utvecklings- och digitaliseringsarbete har förvaltningen tagit fram en "
                        "process för verksamhetsutveckling där väsentliga delar dokumenteras "
                        "och följs upp, vilken redovisas närmare under punkt två. Förvaltningen "
                        "är också engagerad i kommunens omstart av arbetet med den styr- och "
                        "samverkansmodell som möjliggör balans mellan stabil leverans och "
                        "effektiv verksamhetsutveckling.\n\n"
                        "I Plan för digital transformation beskriver förvaltningen hur arbetet "
                        "med att realisera kommunens Program för digital transformation "
                        "framskrider, vilka erfarenheter som uppnåtts och vilka "
                        "effekthemtagningar arbetet genererat. Planen revideras en gång per år, "
                        "förslagsvis i mars månad. Revideringen sker utifrån resultat från "
                        "uppföljningen av föregående års utvecklingsarbete."
                    ),
                    "responsible": "Vård- och omsorgsförvaltningen",
                    "planned_date": None,
                },
                {
                    "recommendation": 8,
                    "position": "instammer",
                    "planned_actions": (
                        "I syfte att främja ett systematiskt och strukturerat "
                        "utvecklingsarbete, både det som löses genom digitala lösningar och det "
                        "som löses genom förändrade arbetssätt, har förvaltningen tagit fram en "
                        "process för verksamhetsutveckling. Under 2022 konkretiserades "
                        "processen för att få en tydlig struktur och användarvänliga underlag "
                        "som förenklar arbetet med att styra, leda, dokumentera och följa upp "
                        "projekt och uppdrag i förvaltningen. Processen innefattar de fyra "
                        "stegen behovsanalys, planering, genomförande och uppföljning. "
                        "Arbetssättet innebär att ledningsgrupp och behovsägare får heltäckande "
                        "underlag inför prioritering och beslut om vilka projekt som ska drivas "
                        "inom förvaltningen. Processen ger ett konkret stöd i arbetet med "
                        "kartläggning av behov, nyttor, nuläge, önskeläge, planering, "
                        "genomförande och uppföljning. Underlaget underlättar kartläggning och "
                        "involvering av intressenter och stödfunktioner, samt säkerställer "
                        "samordning av arbetet.\n\n"
                        "Processen följer också kommunens projektmodell XLPM som används för "
                        "att styra och leda uppdrag, projekt, program, initiativ och "
                        "projektportföljer."
                    ),
                    "responsible": "Vård- och omsorgsförvaltningen",
                    "planned_date": None,
                },
                {
                    "recommendation": 9,
                    "position": "instammer",
                    "planned_actions": (
                        "Under 2022 har samverkan mellan förvaltningens olika verksamheter och "
                        "utvecklingsenheten samt samverkan mellan utvecklingsenheten och "
                        "kommunens centrala IT-enhet intensifierats i syfte att skapa drivkraft "
                        "i utvecklings- och digitaliseringsarbetet. Samtliga verksamheter inom "
                        "förvaltningen har stärkt kapaciteten att driva utvecklings- och "
                        "digitaliseringsarbetet framåt genom att tillsätta resurser med "
                        "särskilt ansvar för utveckling och digitalisering.\n\n"
                        "I början av 2023 genomförs också en översyn av styrnings- och "
                        "ledningsstrukturen på förvaltningen, i syfte att skapa ett "
                        "ändamålsenligt utvecklings- och digitaliseringsarbete som ligger i "
                        "linje med förvaltningens och kommunens ambitionsnivå för den digitala "
                        "transformationen."
                    ),
                    "responsible": "Vård- och omsorgsförvaltningen",
                    "planned_date": None,
                },
            ],
        },
    ],
}
