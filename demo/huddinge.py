"""Huddinge: the auditor's förstudie on the use of digitalisation (seeds 001 and 000).

Texts are verbatim from the seeds. Not in the seeds, chosen for the demo: the committees'
short names (KFN is the diarienummer prefix), the time of day of sent_at and submitted_at
(the loader's), KFN's positions (judged from its tjänsteutlåtande: it reads the first
recommendation as concerning verksamhetsplaner in general, not the already decided 2022 plan)
and the planned date 2022-06-30 for "under våren 2022". The demo users' names are invented.
"""

MUNICIPALITY = {"name": "Huddinge", "slug": "huddinge"}

COMMITTEES = [
    {"short_name": "KF", "name": "Kommunfullmäktige", "kind": "kommunfullmaktige"},
    {"short_name": "KS", "name": "Kommunstyrelsen", "kind": "kommunstyrelsen"},
    {"short_name": "FSN", "name": "Förskolenämnden", "kind": "namnd"},
    {"short_name": "GSN", "name": "Grundskolenämnden", "kind": "namnd"},
    {"short_name": "GAN", "name": "Gymnasie- och arbetsmarknadsnämnden", "kind": "namnd"},
    {"short_name": "KFN", "name": "Kultur- och fritidsnämnden", "kind": "namnd"},
    {"short_name": "SN", "name": "Socialnämnden", "kind": "namnd"},
    {"short_name": "KSN", "name": "Klimat- och stadsmiljönämnden", "kind": "namnd"},
    {"short_name": "VON", "name": "Vård- och omsorgsnämnden", "kind": "namnd"},
    {"short_name": "BTN", "name": "Bygg- och tillståndsnämnden", "kind": "namnd"},
    {"short_name": "REV", "name": "Kommunens revisorer", "kind": "revisionen"},
]

USERS = {
    "revisor": ["Karin", "Holm"],
    "ks": ["Johan", "Ek"],
    "sekreterare": {
        "FSN": ["Sara", "Lund"],
        "GSN": ["Erik", "Berg"],
        "GAN": ["Maria", "Sjöberg"],
        "KFN": ["Lena", "Ström"],
        "SN": ["Anders", "Nyberg"],
        "KSN": ["Elin", "Falk"],
        "VON": ["Peter", "Dahl"],
        "BTN": ["Hanna", "Lindgren"],
        "KS": ["Oskar", "Wikström"],
    },
}

AUDIT = {
    "title": (
        "Granskningsrapport, dialoger, webbenkät och dokumentanalys avseende användning av "
        "digitaliseringens möjligheter i kommunens verksamheter"
    ),
    "kind": "forstudie",
    "year": 2021,
    "consultant_firm": "Grant Thornton",
    "consultant_people": "",
    "auditor_group": "Revisionsgrupp 2",
    "summary": (
        "Grant Thornton (GT) har på mitt uppdrag genomfört en förstudie avseende uppfyllandet "
        "av KF:s beslutade mål inom digitalisering, samt huruvida digitaliseringen bidragit "
        "till god ekonomisk hushållning. Uppdraget omfattade insamling och analys av "
        "information, samt att presentera preliminära resultat och förslag till fortsatta "
        "granskningsinsatser avseende ändamålsenligheten i digitaliseringsarbetet i relation "
        "till uppsatta mål, kontinuitetsarbetet, ledningssystem, resurser, kompetens och "
        "organisation.\n\n"
        "Bakgrund till granskningen var att i kommunens årsredovisning för 2020 bedömdes "
        "måluppfyllelsen för användning av digitaliseringens möjligheter sammantaget som god, "
        "samtidigt som de exempel som redovisades inte gav samma bild. För att få mer "
        "information om detta initierade jag en webbenkät till samtliga ekonomichefer med "
        "frågor med direkt anknytning till sid 43-44 i Mål och budget 2020.\n\n"
        "Av svaren från ekonomicheferna i de fyra förvaltningar som svarat, framgick att ingen "
        "förvaltning kunde redovisa att produktiviteten har förbättrats under 2020. Ingen kunde "
        "heller redovisa monetära resultat eller andra mätbara resultat för att uppnå en mer "
        "kostnadseffektiv verksamhet. Inga framsteg redovisas avseende förbättrad integration "
        "mellan verksamhetssystem, ärendehanteringssystem och dokumenthanteringssystem. Ingen "
        "av nämnderna hade analyserat/beräknat möjliga kostnadsminskningar som resultat av "
        "digitalisering. Ingen gav informativa svar på frågan om vilka kostnadsminskningar som "
        "beräknas kunna uppnås de närmaste två åren.\n\n"
        "Vidare noterade jag att nyttohemtagningen från de projekt som fått medel ur "
        "digitaliseringspotten om sammanlagt 1,5 mkr summerades till 42 tkr.\n\n"
        "GT skriver att KF:s beslutade mål inte är synkroniserade med digitaliseringsstrategins "
        "sex inriktningar, samt att digitaliseringsstrategins sex inriktningar är luddigt "
        "beskrivna och lämnar rum för egen tolkning. Vidare noterar GT att Huddinge kommuns "
        "digitaliseringssatsning saknar en tydlig plan på hur uppföljning av satsningens "
        "nyttorealiserings ska ske. Därutöver saknas det enligt GT konkreta mål att följa upp "
        "mot, vilket försvårar ett framtida uppföljningsarbete.\n\n"
        "GT framhåller i sin rapport vikten av att Huddinge kommun förankrar "
        "digitaliseringsarbetet i verksamheten för att få en strategi och handlingsplan som tar "
        "hänsyn till samtliga förvaltningars förutsättningar. Förutsättningar och behov är "
        "tämligen olika inom olika förvaltningar och GT påtalar vikten av att samtliga behov "
        "uppmärksammas i digitaliseringssatsningen. GT menar att förvaltningarna bör vara "
        "centrala för att utforska de behov som kan föreligga och som kan möjliggöra ett "
        "digitaliseringsarbete som möter invånarnas behov."
    ),
    "purpose": (
        "Syfte med förstudien var att få tillräcklig information för att rapportera till KF och "
        "kommunens invånare hur arbetet mot digitaliseringsmålen genomförts och bedöma inom "
        "vilka verksamhetsområden det finns skäl för fördjupade granskningar."
    ),
    "overall_assessment": (
        "Resultat av denna granskning är sammantaget att kommunens arbete för att använda "
        "digitalisering i syfte att sänka kostnader och höja kvalitet i verksamheterna inte i "
        "rimlig omfattning möter de mål som KF beslutat.\n\n"
        "Min analys av GTs rapport i kombination med egna iakttagelser, dialoger och dokument "
        "relaterade till digitaliseringsarbetet i kommunen ger anledning till följande "
        "anmärkningar.\n\n"
        "- Digitaliseringsarbetet i kommunen är eftersatt och når inte i acceptabel omfattning "
        "upp till av KF fastställda mål.\n"
        "- Nämndernas styrning och kontroll av att digitaliseringsarbetet i förvaltningarna "
        "resulterar i ökad invånarnytta har genomförts på ett sätt som har varit och är "
        "otillräckligt för att av KF beslutade mål avseende nyttorealiserings ska kunna "
        "uppfyllas.\n"
        "- Målformuleringarna i nämndernas verksamhetsplaner för 2021 avseende digitalisering "
        "är knapphändiga samt saknar konkretion och tillräckliga indikatorer för att mäta "
        "måluppfyllnad."
    ),
    "report_date": None,
    "missiv_date": "2021-12-05",
    "place": "Huddinge",
    "status": "skickad",
    "sent_on": "2021-12-05",
    "published": True,
    "ks_office_view": "",
    "council_proposal": "",
    "informed": ["KF"],
    "signatories": [{"name": "Klas Hamrin", "title": "Kommunrevisor 2019-2022"}],
    "questions": [],
    "recipients": [
        {"committee": "FSN", "deadline": "2022-02-15"},
        {"committee": "GSN", "deadline": "2022-02-15"},
        {"committee": "GAN", "deadline": "2022-02-15"},
        {"committee": "KFN", "deadline": "2022-02-15"},
        {"committee": "SN", "deadline": "2022-02-15"},
        {"committee": "KSN", "deadline": "2022-02-15"},
        {"committee": "VON", "deadline": "2022-02-15"},
        {"committee": "BTN", "deadline": "2022-02-15"},
        {"committee": "KS", "deadline": "2022-02-15"},
    ],
    "recommendations": [
        {
            "text": (
                "I sina verksamhetsplaner för 2022 implementerar specifika, mätbara, rimliga "
                "och tidsatta mål för digitaliseringsarbetet i stödjande förvaltningar."
            ),
            "to": ["FSN", "GSN", "GAN", "KFN", "SN", "KSN", "VON", "BTN", "KS"],
        },
        {
            "text": (
                "Förvaltningarna förses med tillräckliga resurser och kompetens för att i "
                "enlighet med PM3-modellen driva verksamhetsutveckling i samverkan med "
                "digitaliseringsenheten inom KSF."
            ),
            "to": ["FSN", "GSN", "GAN", "KFN", "SN", "KSN", "VON", "BTN", "KS"],
        },
        {
            "text": (
                "Förvaltningarna förses med tillräckliga resurser och kompetens för att utreda "
                "och ta fram underlag för att söka medel ur digitaliseringspotten samt att "
                "driva digitaliseringsprojekten fram till genomförande"
            ),
            "to": ["FSN", "GSN", "GAN", "KFN", "SN", "KSN", "VON", "BTN", "KS"],
        },
        {
            "text": (
                "Förvaltningarna förses med tillräckliga resurser och kompetens för att "
                "identifiera ändamålsenliga applikationer hos andra kommuner som kan nyttjas i "
                "Huddinge samt genomföra implementering av dessa."
            ),
            "to": ["FSN", "GSN", "GAN", "KFN", "SN", "KSN", "VON", "BTN", "KS"],
        },
        {
            "text": (
                "Förvaltningarna förses med tillräckliga resurser och kompetens för att "
                "samverka med SKR och med andra kommuner för att utveckla och införa "
                "digitalisering på nya områden."
            ),
            "to": ["FSN", "GSN", "GAN", "KFN", "SN", "KSN", "VON", "BTN", "KS"],
        },
    ],
    "responses": [
        {
            "committee": "KFN",
            "meeting_date": "2022-03-15",
            "paragraf": "§ 6",
            "diarienummer": "KFN-2021/323",
            "handlaggare": "Nick Johnson Jones",
            "beslut": (
                "Kultur- och fritidsförvaltningens tjänsteutlåtande, daterat den 21 februari "
                "2022, överlämnas till Huddinge kommuns revisorer, revisionsgrupp 2, som svar "
                "på skrivelse rörande Granskningsrapport, dialoger, webbenkät och "
                "dokumentanalys avseende användning av digitaliseringens möjligheter i "
                "kommunens verksamheter."
            ),
            "summary": (
                "En skrivelse från Huddinge kommunens revisorers revisionsgrupp 2 avseende "
                "användningen av digitaliseringens möjligheter i kommunens verksamheter, med "
                "bifogad konsultrapport, har inkommit till kommunens samtliga nämnder för "
                "yttrande.\n\n"
                "Revisionsgrupp 2 rekommenderar att nämnderna i enlighet med kommunens "
                "målstruktur bland annat säkerställer att i sina verksamhetsplaner för 2022 "
                "implementerar specifika, mätbara, rimliga och tidsatta mål för "
                "digitaliseringsarbetet och att förvaltningarna förses med tillräckliga "
                "resurser och kompetens för att i enlighet med PM3-modellen driva "
                "verksamhetsutveckling i samverkan med digitaliseringsenheten inom KSF.\n\n"
                "För att klara de kommande årens utmaningar behöver kommunsektorn hitta vägar "
                "för att kunna utföra jobbet på ett effektivare sätt. Det kan bland annat "
                "handla om att arbeta smartare genom att använda ny teknik för att digitalisera "
                "och automatisera arbetssätt, vilket framgår av kommunens viktigaste "
                "styrdokument, Mål och budget 2022. Digitaliseringen har därmed en framskjuten "
                "plats i Huddinge kommuns utvecklingsarbete.\n\n"
                "Svaret på rekommendationerna från revisionsgrupp 2 återges mer i detalj under "
                "rubriken förvaltnings synpunkter i kultur- och fritidsförvaltnings "
                "tjänsteutlåtande daterat den 21 februari 2022."
            ),
            "positions": [
                {
                    "recommendation": 1,
                    "position": "delvis",
                    "planned_actions": (
                        "Förvaltningen tolkar att revisionen avser verksamhetsplaner generellt "
                        "och inte specifikt 2022 års verksamhetsplan då den togs fram under "
                        "hösten 2021 och beslutades i november.\n\n"
                        "Det har funnits brister i kopplingen mellan budget och "
                        "digitaliseringsplaner. En del av arbetet med den nya styr- och "
                        "samverkansmodellen samt portföljstyrningen är just att detta måste "
                        "synkroniseras bättre än tidigare.\n\n"
                        "I den nya styr- och samverkansmodellen ska varje etablerat objekt ta "
                        "fram en så kallad objektsplan för objektets kommande behov av "
                        "utveckling. Kultur- och fritidsnämndens verksamheter kommer att "
                        "etablera sitt objekt under våren 2022 i nära dialog med "
                        "Digitaliseringsavdelningen. Objektsplanen styrs av övergripande "
                        "prioriteringar, objektets behov och förutsättningar med mera. "
                        "Objektplanernas aktiviteter kopplas till kommunens målområden. "
                        "Objektplanerna kommer sedan, via etablering av portföljstyrning, ge en "
                        "helhetsbild av Huddinge kommuns digitala utveckling."
                    ),
                    "responsible": "Kultur- och fritidsförvaltningen",
                    "planned_date": "2022-06-30",
                },
                {
                    "recommendation": 2,
                    "position": "instammer",
                    "planned_actions": (
                        "I samband med införande av ny styr- och samverkansmodell har en "
                        "inledande bedömning av resursbehov gjorts. I takt med att samtliga "
                        "objekt etableras kommer bilden att kunna tydliggöras.\n\n"
                        "Det är viktigt att kontinuerligt följa upp avsatta resurser och "
                        "kompetens. Kultur- och fritidsförvaltningen vill dock framhålla att "
                        "villkoren på förvaltningarna kan se väldigt olika ut. Att etablera "
                        "objektet för Kultur- och fritidsförvaltningen och bemanna roller och "
                        "ansvar i PM3-modellen, där medarbetare dessutom ska förses med rätt "
                        "kompetenser och förutsättningar, är en betydande utmaning för en liten "
                        "förvaltning. Redan i kartläggningen och utredningen av stödfunktioner "
                        "i Huddinge kommunen gavs bilden att förutsättningarna vad gäller "
                        "resurser och kompetens kring digital utveckling varierar mellan "
                        "förvaltningarna.\n\n"
                        "Under 2021 samt även under 2022 genomförs flera kompetensstärkande "
                        "initiativ, men behovet av resurser som arbetar med digital utveckling "
                        "kommer att vara en levande fråga framöver i takt med att såväl styr- "
                        "och samverkansmodellen som portföljstyrningen bidrar med tydligare "
                        "behovsbild."
                    ),
                    "responsible": "Kultur- och fritidsförvaltningen",
                    "planned_date": None,
                },
                {
                    "recommendation": 3,
                    "position": "instammer",
                    "planned_actions": (
                        "Då organisationen för Kultur- och fritidsförvaltningens objekt inom "
                        "ram för PM3-modellen är på plats så kommer arbetet med "
                        "digitaliseringspotten att underlättas.\n\n"
                        "Digitaliseringsavdelningen har under 2021 haft ett uppdrag från "
                        "kommunstyrelsen att utveckla processen för hantering av "
                        "digitaliseringspotten. Bland annat har en arbetsgrupp med "
                        "representanter från varje förvaltning bildats och ansökningarna är "
                        "numera förankrade med respektive förvaltningsledning inför beredning. "
                        "Alla ansökningar analyseras och nyttoberäknas. Efter föredragning i "
                        "kommunens ledningsgrupp beslutas de av kommundirektören. "
                        "Digitaliseringsavdelningen leder och samordnar arbetet."
                    ),
                    "responsible": "Kultur- och fritidsförvaltningen",
                    "planned_date": None,
                },
                {
                    "recommendation": 4,
                    "position": "instammer",
                    "planned_actions": (
                        "Uppdraget att omvärldsbevaka åligger alltid respektive verksamhetsgren "
                        "inom kommunen och görs kontinuerligt inom flera områden. Inom "
                        "digitalisering är en aktiv omvärldsbevakning inom området ifråga en "
                        "del av arbetsuppgifterna för de som ansvarar för och arbetar med "
                        "respektive objekt.\n\n"
                        "Vidare finns forum för nyckelroller inom objekten där inspiration, "
                        "idéer och kunskapsöverföring kan ske, exempelvis objektledarforum och "
                        "objektägarforum."
                    ),
                    "responsible": "Kultur- och fritidsförvaltningen",
                    "planned_date": None,
                },
                {
                    "recommendation": 5,
                    "position": "instammer",
                    "planned_actions": (
                        "Huddinge kommun samverkar externt med en rad olika aktörer och flera "
                        "arenor. Här finns exempelvis diverse forum såsom digital arena inom "
                        "SKR, nätverk inom Storsthlm och DiMiOs (digital mognad inom offentlig "
                        "sektor) och många fler. Kultur- och fritidsnämndens verksamheter ingår "
                        "dessutom i en rad olika verksamhetsnära nätverk där dialog och "
                        "samverkan med andra kommuner bedrivs, och i dessa nätverk står "
                        "digitaliseringens utmaningar och möjligheter högt upp på agendan."
                    ),
                    "responsible": "Kultur- och fritidsförvaltningen",
                    "planned_date": None,
                },
            ],
        },
    ],
}
