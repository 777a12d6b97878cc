"""Dutch labels and hints of the web editor's forms (/admin/), by field name.

What an editor reads in the CMS is Dutch; the schemas' descriptions are English (for maintainers and the YAML
language server), so each field gets its label and hint here. A field without a row is shown with its name as
label and the schema's description as hint; tests/test_cms.py names the fields that still lack a Dutch label.
"""

from __future__ import annotations

from stogen.model.fields import AUDIENCES, PROFILES

# field name -> (label, hint); the hint may be "".
FIELDS: dict[str, tuple[str, str]] = {
    "title": ("Titel", "De kop boven het bericht of de pagina."),
    "summary": ("Samenvatting", "Eén zin voor overzichten, zoekmachines en sociale media (max. 155 tekens)."),
    "slug": ("Adres (slug)", "Laatste deel van het webadres; leeg laten: gemaakt uit de titel."),
    "draft": ("Concept", "Aan: niet gepubliceerd."),
    "aliases": ("Oude adressen", "Oude webadressen van deze pagina die hierheen doorverwijzen, zoals /nieuws/oud/."),
    "image": ("Foto", "Een foto bij het bericht; vul dan ook de beschrijving in."),
    "image_alt": (
        "Beschrijving van de foto",
        "Wat staat erop? Voor wie de foto niet kan zien. Verplicht bij een foto.",
    ),
    "tags": ("Trefwoorden", "Gescheiden door komma's."),
    "profiles": ("Profielen", "De vmbo-profielen waar het over gaat."),
    "date": ("Publicatiedatum", "Een datum in de toekomst: het bericht verschijnt op die dag."),
    "updated": ("Bijgewerkt op", "Datum van de laatste grote wijziging."),
    "author": ("Auteur", ""),
    "featured": ("Uitgelicht", "Aan: getoond op de voorpagina."),
    "start": ("Begin", "Datum en tijd (Nederlandse tijd)."),
    "end": ("Einde", "Na het begin."),
    "location": ("Locatie", "Adres of plaats; of vul een online-link in."),
    "online_url": ("Online-link", "Link om online mee te doen, beginnend met https://."),
    "registration_url": ("Aanmelden", "Link naar het aanmeldformulier, beginnend met https://."),
    "audience": ("Voor wie", "Kies een of meer groepen; leeg: voor iedereen."),
    "status": ("Status", "Leeg als het doorgaat zoals gepland."),
    "previous_start": ("Oorspronkelijk begin", "Bij een verplaatste activiteit: het begin zoals eerst aangekondigd."),
    "duration": ("Duur (minuten)", ""),
    "speakers": ("Sprekers", ""),
    "recording": ("Opname", "YouTube- of Vimeo-link van de opname."),
    "slides": ("Dia's", "Een bestand of een webadres."),
    "live_viewers": ("Live kijkers", "Aantal mensen dat live keek."),
    "replay_views": ("Keer teruggekeken", ""),
    "views_counted": ("Geteld op", "De datum waarop het aantal keer teruggekeken is geteld."),
    "weight": ("Volgorde", "Lager komt eerst."),
    "body": ("Tekst", ""),
    # region.yml
    "name": ("Naam", ""),
    "provinces": ("Provincies", ""),
    "description": ("Beschrijving", "Eén of twee zinnen over de regio."),
    "penvoerder": ("Penvoerder", "Het schoolbestuur dat de subsidie aanvraagt."),
    "programmaleiders": ("Programmaleiders", ""),
    "schools": ("Scholen", "Minstens 2 vmbo-scholen met een technisch profiel en 1 mbo-school."),
    "partners": ("Partners", "Bedrijven en organisaties."),
    "hotspots": ("Hotspots", "Plekken waar leerlingen techniek beleven."),
    "website": ("Website", "Beginnend met https://."),
    "formerly": ("Vroegere namen (slugs)", "Oude mapnamen van de regio; alleen de centrale redactie wijzigt dit."),
    "editors": ("Redacteuren", "GitHub-accounts die deze regio mogen bewerken."),
    "plan": ("Visie en activiteitenplan", "Het tweejarige plan van de regio."),
    "period": ("Periode", "Eerste en laatste jaar, zoals 2025-2027."),
    "approved": ("Goedgekeurd op", "Leeg laten zolang het plan niet is goedgekeurd."),
    "link": ("Link of bestand", "Een webadres, of een bestand in de map van de regio."),
    "supporter": ("Landelijk ondersteuner", ""),
    "primary_schools": ("Basisscholen", "Basisscholen waarmee de regio samenwerkt."),
    "history": ("Geschiedenis", "Hernoemd, samengevoegd of gesplitst; alleen de centrale redactie wijzigt dit."),
    "change": ("Wijziging", "renamed, merged of split."),
    "from": ("Van (slugs)", ""),
    "to": ("Naar (slugs)", ""),
    "names": ("Oude namen", ""),
    # nested: people, schools, partners
    "role": ("Functie", ""),
    "email": ("E-mail", ""),
    "organisation": ("Organisatie", ""),
    "place": ("Plaats", ""),
    "type": ("Soort school", ""),
    "code": ("BRIN- en locatiecode", "Zoals 12AB00."),
    "board": ("Schoolbestuur", ""),
    "leerwegen": ("Leerwegen", "Alleen vmbo: basis, kader, gemengd, theoretisch."),
    "url": ("Webadres", ""),
}

# Collections: kind -> (plural label, singular label).
COLLECTIONS: dict[str, tuple[str, str]] = {
    "article": ("Nieuws", "Nieuwsbericht"),
    "event": ("Agenda", "Activiteit"),
    "webinar": ("Webinars", "Webinar"),
    "page": ("Pagina's", "Pagina"),
    "region": ("Regioprofiel", "Regioprofiel"),
}

PATTERN_MESSAGES: dict[str, str] = {
    "date": "Schrijf een datum als 2026-11-03, of met tijd: 2026-11-03 14:30.",
    "url": "Schrijf een volledig webadres dat begint met https://.",
    "slug": "Alleen kleine letters, cijfers en losse streepjes, zoals open-dag-2026.",
    "path": "Een adres op deze site dat begint met /, zoals /nieuws/oude-titel/.",
    "other": "Deze waarde heeft niet de juiste vorm.",
}

COMMIT_MESSAGES: dict[str, str] = {
    "create": "{{collection}}: nieuw “{{slug}}” (via de webredactie, {{author-login}})",
    "update": "{{collection}}: “{{slug}}” bijgewerkt (via de webredactie, {{author-login}})",
    "delete": "{{collection}}: “{{slug}}” verwijderd (via de webredactie, {{author-login}})",
    "uploadMedia": "Foto “{{path}}” toegevoegd (via de webredactie, {{author-login}})",
    "deleteMedia": "Foto “{{path}}” verwijderd (via de webredactie, {{author-login}})",
    "openAuthoring": "{{message}}",
}

PAGE_TITLE = "Webredactie"
NOSCRIPT = "De webredactie werkt alleen met JavaScript aan."


# field name -> {value: what the form shows}, for selects whose values are codes.
OPTIONS: dict[str, dict[str, str]] = {
    "audience": AUDIENCES,
    "profiles": {code: f"{code}: {name}" for code, name in PROFILES.items()},
}
