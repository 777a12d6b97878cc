# ruff: noqa: E501  (a catalogue: each translation stays on the line of its template)
"""The Dutch catalogue: every marked English template (msgid) -> its Dutch translation (msgstr).

One Python module instead of a .po file: one language, kept by the maintainers who write the English, reviewed in
the same pull request; no compile step and no extra dependency at build time. tests/test_messages.py does what
`msgfmt --check` does for a .po file: every template the code marks has a translation here, with the same
placeholders, and nothing here is unused. Placeholders are content (titles, file names, values), inserted as they
are. The words follow docs/redacteuren.md: "je", "veld", "tip", "de gegevens bovenaan (front matter)".
"""

from __future__ import annotations

NL: dict[str, str] = {
    # The fixed words of a report (core/problems.py) and of the commands
    "warning": "waarschuwing",
    "hint": "tip",
    "{n} error": "{n} fout",
    "{n} errors": "{n} fouten",
    "{n} warning": "{n} waarschuwing",
    "{n} warnings": "{n} waarschuwingen",
    "{errors}, {warnings}": "{errors}, {warnings}",
    "build failed: {summary}; the previous output is unchanged": (
        "bouwen mislukt: {summary}; de vorige versie van de site is niet veranderd"
    ),
    "build failed: {summary}; the browser shows the problems": (
        "bouwen mislukt: {summary}; de browser toont de fouten"
    ),
    "check failed: {summary}": "controle mislukt: {summary}",
    "check passed: {summary}": "controle geslaagd: {summary}",
    "built {pages} pages, {feeds} feeds, {files} files in {seconds} s ({problems}) -> {output}": (
        "{pages} pagina's, {feeds} feeds en {files} bestanden gebouwd in {seconds} s ({problems}) -> {output}"
    ),
    "newsletter failed: {summary}; nothing written": "nieuwsbrief mislukt: {summary}; er is niets geschreven",
    "report failed: {summary}": "overzicht mislukt: {summary}",
    "the change is made, but the site has problems to fix: {summary}": (
        "de wijziging is gemaakt, maar de site heeft nog fouten om op te lossen: {summary}"
    ),
    # stogen serve: the page shown in the browser when the build fails
    "Build failed - stogen serve": "Bouwen mislukt - stogen serve",
    "The build failed: {summary}": "Het bouwen is mislukt: {summary}",
    "Fix these and save; this page reloads by itself.": (
        "Verbeter deze fouten en sla het bestand op; deze pagina ververst dan vanzelf."
    ),
    "{error}": "{error}",
    "fix the template; nothing is published until every page renders": (
        "verbeter het sjabloon; er wordt niets gepubliceerd tot elke pagina goed gemaakt wordt"
    ),
    "fix the template and save; this page reloads by itself": (
        "verbeter het sjabloon en sla het op; deze pagina ververst dan vanzelf"
    ),
    # Reading YAML against a shape (core/spec.py)
    "text": "tekst",
    "yes/no (a boolean)": "ja/nee (true of false)",
    "a number": "een getal",
    "a list": "een lijst",
    "a mapping (key: value pairs)": "een groep regels (naam: waarde)",
    "empty": "niets",
    "unknown field": "onbekend veld",
    "expected a mapping, got {kind}": "hier horen regels met naam: waarde, maar er staat {kind}",
    "did you mean {name!r}?": "bedoel je {name!r}?",
    "known: {names}": "bekende velden: {names}",
    "appears twice": "staat er twee keer",
    "keep one of the two lines": "houd een van de twee regels over",
    "expected {what} (key: value lines), got {kind}": "hier hoort {what} (regels met naam: waarde), maar er staat {kind}",
    "expected a list, got {kind}": "hier hoort een lijst, maar er staat {kind}",
    "write name: value lines below it": "zet er regels met naam: waarde onder",
    "is not a field stogen accepts": "is geen veld dat stogen kent",
    "its fields: {names}": "de velden: {names}",
    "write each item on a line with -": "zet elk onderdeel op een eigen regel die begint met -",
    "needs at least {n}": "moet er minstens {n} hebben",
    "add them as a list with -": "zet ze als lijst onder elkaar, elke regel met -",
    "add a line `{name}: ...` to the front matter": (
        "zet een regel `{name}: ...` in de gegevens bovenaan het bestand (de front matter)"
    ),
    "add a line `{name}: ...`": "voeg een regel `{name}: ...` toe",
    # YAML itself (core/yamlsource.py)
    "remove the !!... before the value; write dates as 2026-11-03 and yes/no as true or false": (
        "haal de !!... voor de waarde weg; schrijf een datum als 2026-11-03 en ja/nee als true of false"
    ),
    "is longer than {value} KB": "is langer dan {value} KB",
    "shorten it": "maak het korter",
    "has more than {max_yaml_values:,} values (counting every use of an alias)": (
        "heeft meer dan {max_yaml_values:,} waarden (elk gebruik van een alias telt mee)"
    ),
    "write the values out instead of repeating them with & and * aliases": (
        "schrijf de waarden uit in plaats van ze te herhalen met & en *"
    ),
    "nests lists and mappings more than {max_yaml_depth} levels deep": (
        "zet lijsten en groepen meer dan {max_yaml_depth} lagen diep in elkaar"
    ),
    "check the [ and {{ brackets": "controleer de haakjes [ en {{",
    "YAML tags like {tag} are not accepted": "YAML-labels zoals {tag} zijn niet toegestaan",
    "a number of {n} characters is too long": "een getal van {n} tekens is te lang",
    "put quotes around it if it is text": "zet er aanhalingstekens omheen als het tekst is",
    "contains the control character {char_name}": "bevat het onzichtbare stuurteken {char_name}",
    "remove the escape (like \\x01 or \\e) from the quoted text": (
        "haal de code (zoals \\x01 of \\e) uit de tekst tussen aanhalingstekens"
    ),
    "{problem}": "{problem}",
    "mapping values are not allowed here": "hier mag geen dubbele punt staan (zet de waarde tussen aanhalingstekens)",
    "mapping values are not allowed in this context": (
        "hier mag geen dubbele punt staan (zet de waarde tussen aanhalingstekens, of controleer het inspringen)"
    ),
    "found character that cannot start any token": "er staat een teken dat hier niet kan, zoals een tab (spring in met spaties)",
    "did not find expected '-' indicator": "hier hoort een lijstregel die begint met - (controleer het inspringen)",
    "did not find expected key": "er staat iets wat geen veldnaam is (controleer het inspringen)",
    "did not find expected ',' or ']'": "de lijst tussen [ en ] is niet goed afgesloten",
    "did not find expected ',' or '}}'": "de groep tussen {{ en }} is niet goed afgesloten",
    "could not find expected ':'": "er ontbreekt een dubbele punt na de veldnaam",
    "found character '\\t' that cannot start any token": "er staat een tab; spring in met spaties",
    "found unexpected end of stream": "het bestand houdt onverwacht op (een aanhalingsteken of haakje niet gesloten?)",
    "found undefined alias": "er staat een * zonder bijbehorende &",
    "invalid YAML": "de regels kloppen niet (ongeldige YAML)",
    "a value cannot be read ({name})": "een waarde kan niet gelezen worden ({name})",
    # Photos (core/photos.py, model/photos.py)
    "Save it again as JPEG, PNG, WebP or HEIC (for example by exporting it from the photo app)": (
        "Sla de foto opnieuw op als JPEG, PNG, WebP of HEIC (bijvoorbeeld via Exporteren in de foto-app)"
    ),
    "{width} x {height} pixels": "{width} x {height} pixels",
    "too many pixels": "te veel pixels",
    "is too large ({what}; stogen takes photos up to {max} megapixels)": (
        "is te groot ({what}; stogen neemt foto's tot {max} megapixel)"
    ),
    "Export it from the photo app at a smaller size, for example 4000 pixels wide": (
        "Exporteer de foto kleiner vanuit de foto-app, bijvoorbeeld 4000 pixels breed"
    ),
    "is not a photo stogen can read (the file is empty)": "is geen foto die stogen kan lezen (het bestand is leeg)",
    "is too large ({size:.0f} MB; stogen takes photos up to {max} MB)": (
        "is te groot ({size:.0f} MB; stogen neemt foto's tot {max} MB)"
    ),
    "is not a photo stogen can read (it has no pixels)": "is geen foto die stogen kan lezen (er zijn geen pixels)",
    "is not a photo stogen can read (unknown file type)": (
        "is geen foto die stogen kan lezen (onbekend soort bestand)"
    ),
    "is not a photo stogen can read ({exc})": "is geen foto die stogen kan lezen ({exc})",
    "gives the same web addresses ({name}-800w.webp, ...) as {other}": (
        "krijgt dezelfde webadressen ({name}-800w.webp, ...) als {other}"
    ),
    "could not be read ({reason})": "kan niet gelezen worden ({reason})",
    "check that the file is there and readable": "controleer of het bestand er is en geopend kan worden",
    "rename one of the two files": "geef een van de twee bestanden een andere naam",
    # The build (build/)
    "{url} was published by the previous build and is gone, with no redirect": (
        "{url} stond op de vorige versie van de site en is nu weg, zonder doorverwijzing"
    ),
    "a renamed or moved file: add its old URL to `aliases:` in its front matter; "
    "removed on purpose: nothing to do (this warning is not repeated)": (
        "heb je het bestand hernoemd of verplaatst, zet dan het oude adres bij `aliases:` in de gegevens bovenaan; "
        "bewust weggehaald: dan hoef je niets te doen (deze waarschuwing komt niet terug)"
    ),
    "set search: false to build without it": "zet search: false in stogen.yml om zonder zoekfunctie te bouwen",
    "could not make {url} ({name}): {failure}": "{url} ({name}) kon niet gemaakt worden: {failure}",
    "check this file for unusual characters (control characters, very long lines), or report a bug in stogen": (
        "kijk of dit bestand vreemde tekens bevat (onzichtbare tekens, hele lange regels), of meld een fout in stogen"
    ),
    "indexing {path} failed: {failed}": "de zoekindex voor {path} is mislukt: {failed}",
    "{output_dir}/ exists and was not made by stogen; refusing to replace it": (
        "{output_dir}/ bestaat al en is niet door stogen gemaakt; stogen vervangt die map niet"
    ),
    "move the folder away, or set output_dir in stogen.yml to another folder": (
        "verplaats de map, of kies met output_dir in stogen.yml een andere map"
    ),
    "{image!r} {message}": "{image!r} {message}",
    "publishes {url}, which is also published by {source}": "komt op {url}, maar daar komt ook {source}",
    "two files cannot have the same URL; rename one of them or give it another slug": (
        "twee bestanden kunnen niet hetzelfde webadres hebben; geef er een een andere naam of een andere slug"
    ),
    "publishes {url}, which stogen writes for {name}": "komt op {url}, maar dat adres maakt stogen zelf voor {name}",
    "stogen makes this file itself; rename your file, or remove it": (
        "stogen maakt dit bestand zelf; geef jouw bestand een andere naam of haal het weg"
    ),
    "{url} is written by both {name} and {name2}": "{url} wordt gemaakt door zowel {name} als {name2}",
    "two generated outputs share a path: check region slugs and stogen.yml, or report a bug in stogen": (
        "twee gemaakte bestanden hebben hetzelfde pad: controleer de slugs van de regio's en stogen.yml, "
        "of meld een fout in stogen"
    ),
    # stogen regio splits (commands/regio.py)
    "is not one of the new regions": "is geen van de nieuwe regio's",
    "list: {names}": "noem: {names}",
    "is missing": "ontbreekt",
    "write its name, schools and files": "schrijf de naam, scholen en bestanden op",
    "use {names}": "gebruik {names}",
    "is required": "is verplicht",
    "the new region's name": "de naam van de nieuwe regio",
    "location codes, like [99TW01, 99TW04]": "vestigingscodes, zoals [99TW01, 99TW04]",
    'patterns, like ["nieuws/*"]': 'patronen, zoals ["nieuws/*"]',
    # stogen.yml (model/config.py)
    "the web editor's settings": "de instellingen van de webeditor",
    "a menu item": "een menu-item",
    "the newsletter settings": "de instellingen van de nieuwsbrief",
    "the organization": "de organisatie",
    "the site configuration": "de instellingen van de site",
    "unknown setting": "onbekende instelling",
    "mail service": "mailservice",
    "value": "waarde",
    "language": "taal",
    "audience": "doelgroep",
    "{text!r} is not an absolute URL": "{text!r} is geen volledig webadres",
    "write the site's address with its scheme, like https://www.sterktechniekonderwijs.nl": (
        "schrijf het adres van de site voluit, zoals https://www.sterktechniekonderwijs.nl"
    ),
    "must be the site's root address, without a path": "moet het hoofdadres van de site zijn, zonder pad erachter",
    "stogen publishes at the root of a domain; remove everything after the host name": (
        "stogen publiceert op het hoofdadres van een domein; haal alles na de domeinnaam weg"
    ),
    "{text!r} is not a GitHub repository": "{text!r} is geen GitHub-repository",
    "write owner/name, like sto/website": "schrijf eigenaar/naam, zoals sto/website",
    "{url!r} is not a site path or https address": "{url!r} is geen pad op deze site en geen https-adres",
    "write /nieuws/ or https://...": "schrijf /nieuws/ of https://...",
    "configuration file not found": "het instellingenbestand is niet gevonden",
    "run stogen in the folder with {config_file}": "start stogen in de map waar {config_file} staat",
    "must be a mapping of settings": "moet bestaan uit regels met instelling: waarde",
    "see docs/configuration.md": "zie docs/configuration.md",
    "{output_dir!r} cannot hold the built site": "{output_dir!r} kan de gebouwde site niet bevatten",
    "use a folder of its own inside the repository, like public": (
        "gebruik een eigen map binnen de repository, zoals public"
    ),
    "unknown value {env!r}": "onbekende waarde {env!r}",
    "use allow or block": "gebruik allow of block",
    "is required with service: url": "is verplicht bij service: url",
    "write the address of your unsubscribe page, with your mail service's placeholder if it has one": (
        "schrijf het adres van je afmeldpagina, met de invulcode van je mailservice als die er een heeft"
    ),
    "the site's Content-Security-Policy (netlify.toml) does not let a form post to {origin}": (
        "de Content-Security-Policy van de site (netlify.toml) laat een formulier niet versturen naar {origin}"
    ),
    "add {origin} to form-action in the Content-Security-Policy of netlify.toml": (
        "zet {origin} bij form-action in de Content-Security-Policy in netlify.toml"
    ),
    "unknown time zone {text!r}": "onbekende tijdzone {text!r}",
    "use an IANA name like Europe/Amsterdam": "gebruik een IANA-naam zoals Europe/Amsterdam",
    "must be at least 1": "moet minstens 1 zijn",
    "write a number like {example}": "schrijf een getal, zoals {example}",
    "is not UTF-8 text": "is geen UTF-8-tekst",
    "save the file as UTF-8": "sla het bestand op als UTF-8",
    "invalid YAML: {message}": "de regels kloppen niet (ongeldige YAML): {message}",
    "check indentation and quotes": "controleer het inspringen en de aanhalingstekens",
    # Content files (model/entries.py, model/kinds.py, model/schema.py)
    "a news article": "een nieuwsbericht",
    "an agenda item": "een agenda-item",
    "a webinar": "een webinar",
    "a page": "een pagina",
    "status": "status",
    "unknown field for {label}": "onbekend veld voor {label}",
    "the URL comes from the file's folder and name; use `slug` to change its last part": (
        "het webadres volgt uit de map en de naam van het bestand; met `slug` verander je het laatste deel"
    ),
    "the layout follows from the kind of content; remove the line": (
        "de opmaak volgt uit het soort bericht; haal de regel weg"
    ),
    "a file's region is the folder it is in (regions/<slug>/); move the file instead": (
        "de regio van een bestand is de map waarin het staat (regions/<slug>/); verplaats het bestand"
    ),
    "is larger than {value} KB": "is groter dan {value} KB",
    "split it into several pages, and publish long documents as a PDF next to it": (
        "verdeel de tekst over meer pagina's, en zet lange documenten ernaast als pdf"
    ),
    "contains the control character {control}": "bevat het onzichtbare stuurteken {control}",
    "remove it; it is invisible in most editors, so delete and retype the line": (
        "haal het weg; in de meeste editors zie je het niet, dus wis de regel en typ hem opnieuw"
    ),
    "front matter is not closed": "de gegevens bovenaan het bestand (front matter) zijn niet afgesloten",
    "end the front matter with a line containing only ---": "zet onder de gegevens een regel met alleen ---",
    "has no front matter": "heeft bovenaan geen gegevens (front matter)",
    "start the file with ---, then title: ... (and date: ... for news), then ---": (
        "begin het bestand met ---, dan title: ... (en bij nieuws date: ...), dan ---"
    ),
    "front matter is empty": "de gegevens bovenaan het bestand (front matter) zijn leeg",
    "add at least title: ...": "zet er minstens title: ... in",
    "front matter must be key: value lines": (
        "de gegevens bovenaan het bestand (front matter) moeten regels zijn met naam: waarde"
    ),
    "write title: Mijn titel": "schrijf bijvoorbeeld title: Mijn titel",
    "cannot make a URL from this file name": "van deze bestandsnaam kan geen webadres gemaakt worden",
    "rename the file to letters, digits and hyphens, or add slug: ...": (
        "geef het bestand een naam met letters, cijfers en streepjes, of voeg slug: ... toe"
    ),
    "the URL made from this file name is {n} characters long, more than {max_slug_chars}": (
        "het webadres uit deze bestandsnaam is {n} tekens lang, meer dan {max_slug_chars}"
    ),
    "give the file a shorter name, or add a short slug: ...": (
        "geef het bestand een kortere naam, of voeg een korte slug: ... toe"
    ),
    "is required when an image is given": "is verplicht als er een afbeelding is",
    "describe the image in a sentence: image_alt: Leerlingen aan het werk in de werkplaats": (
        "beschrijf de afbeelding in een zin: image_alt: Leerlingen aan het werk in de werkplaats"
    ),
    "is only for a moved event (status: verplaatst)": "is alleen voor een verplaatste activiteit (status: verplaatst)",
    "add status: verplaatst, or remove the line": "zet er status: verplaatst bij, of haal de regel weg",
    "{values!r} is not a YouTube or Vimeo video address": "{values!r} is geen adres van een YouTube- of Vimeo-video",
    "save the file with UTF-8 encoding (most editors: File > Save with encoding > UTF-8)": (
        "sla het bestand op als UTF-8 (in de meeste editors: Bestand > Opslaan met codering > UTF-8)"
    ),
    "front matter is not valid YAML: {message}": (
        "de gegevens bovenaan het bestand (front matter) kloppen niet: {message}"
    ),
    "the folder name {bad!r} cannot be part of a web address": "de mapnaam {bad!r} kan geen deel van een webadres zijn",
    "rename the folder to lowercase letters, digits and hyphens, like over-ons": (
        "geef de map een naam met kleine letters, cijfers en streepjes, zoals over-ons"
    ),
    "is before the start": "ligt voor het begin",
    "check the date and time of start and end": "controleer de datum en tijd van start en end",
    "an agenda item needs a location or an online_url": "een agenda-item heeft een location of een online_url nodig",
    "add location: Adres, Plaats  (or online_url: https://...)": (
        "voeg location: Adres, Plaats toe  (of online_url: https://...)"
    ),
    "check the indentation, and put quotes around values containing a colon": (
        "controleer het inspringen, en zet aanhalingstekens om een waarde met een dubbele punt"
    ),
    # Field types (model/fields.py)
    'write 2026-11-03, or "2026-11-03 14:30" for a time (Europe/Amsterdam)': (
        'zet de datum als 2026-11-03, of als "2026-11-03 14:30" met een tijd (Nederlandse tijd)'
    ),
    "write a path on this site like /nieuws/oude-titel/": "schrijf een pad op deze site, zoals /nieuws/oude-titel/",
    "{text!r} is not a date": "{text!r} is geen datum",
    "expected text, got {describe}": "hier hoort tekst, maar er staat {describe}",
    "write the value as text, in quotes if needed": "schrijf de waarde als tekst, zo nodig tussen aanhalingstekens",
    "must not be empty": "mag niet leeg zijn",
    "write a value or remove the line": "vul een waarde in of haal de regel weg",
    "expected true or false, got {describe}": "hier hoort true of false, maar er staat {describe}",
    "write true or false": "schrijf true of false",
    "expected a whole number, got {describe}": "hier hoort een heel getal, maar er staat {describe}",
    "write a number like 160": "schrijf een getal, zoals 160",
    "must not be negative, got {value}": "mag niet negatief zijn, maar is {value}",
    "write 0 or more": "schrijf 0 of meer",
    "a duration of {n} minutes is not possible": "een duur van {n} minuten kan niet",
    "write the length in minutes, like 60": "schrijf de lengte in minuten, zoals 60",
    "expected a list, got {describe}": "hier hoort een lijst, maar er staat {describe}",
    "write a list like [een, twee]": "schrijf een lijst, zoals [een, twee]",
    "{n} tags are too many": "{n} tags zijn te veel",
    "keep the {max_tags} that say most": "houd de {max_tags} over die het meest zeggen",
    "the year {year} is outside {years}-{years2}": "het jaar {year} ligt buiten {years}-{years2}",
    'check the year: write 2026-11-03 or "2026-11-03 14:30"': (
        'controleer het jaar: schrijf 2026-11-03 of "2026-11-03 14:30"'
    ),
    "expected a date, got {describe}": "hier hoort een datum, maar er staat {describe}",
    'write 2026-11-03 or "2026-11-03 14:30"': 'zet de datum als 2026-11-03 of "2026-11-03 14:30"',
    "{text!r} is not a web address": "{text!r} is geen webadres",
    "write a full address starting with https://": "schrijf het hele adres, beginnend met https://",
    "{text!r} is not a valid slug": "{text!r} is geen geldige slug",
    "use lowercase letters, digits and single hyphens only (no slashes), like open-dag-2026": (
        "gebruik alleen kleine letters, cijfers en losse streepjes (geen schuine strepen), zoals open-dag-2026"
    ),
    "a slug of {n} characters is too long": "een slug van {n} tekens is te lang",
    "use at most {max_slug_chars} characters": "gebruik hoogstens {max_slug_chars} tekens",
    "{text!r} is not a site path": "{text!r} is geen pad op deze site",
    "{text!r} is not a site path: only letters, digits and - . _ ~ % / are allowed, up to {max_path_chars}": (
        "{text!r} is geen pad op deze site: alleen letters, cijfers en - . _ ~ % / mogen, tot {max_path_chars} tekens"
    ),
    "{hint}; write other characters percent-encoded (a space as %20)": (
        "{hint}; schrijf andere tekens met een procentcode (een spatie als %20)"
    ),
    "{n} aliases are too many": "{n} aliases zijn te veel",
    "keep the old URLs people still use, at most {max_aliases}": (
        "houd de oude adressen over die mensen nog gebruiken, hoogstens {max_aliases}"
    ),
    "expected a name or a mapping, got {describe}": "hier hoort een naam of een groep regels, maar er staat {describe}",
    "write - name: Jan Voorbeeld": "schrijf - name: Jan Voorbeeld",
    "unknown key {unknown!r}": "onbekend veld {unknown!r}",
    "a person has name, role, email and organisation": "een persoon heeft name, role, email en organisation",
    "a person needs a name": "een persoon heeft een naam nodig",
    "write name: ...": "schrijf name: ...",
    "the tag {tag!r}... is longer than {max_tag_chars} characters": (
        "de tag {tag!r}... is langer dan {max_tag_chars} tekens"
    ),
    "use a keyword": "gebruik een trefwoord",
    "unknown profile {item!r}": "onbekend profiel {item!r}",
    "use one of {names}": "kies uit {names}",
    "unknown leerweg {item!r}": "onbekende leerweg {item!r}",
    "{text!r} is not a real date or time ({why})": "{text!r} is geen bestaande datum of tijd ({why})",
    "day is out of range for month": "die maand heeft zo'n dag niet",
    "month must be in 1..12": "een maand is 1 tot en met 12",
    "hour must be in 0..23": "een uur is 0 tot en met 23",
    "minute must be in 0..59": "een minuut is 0 tot en met 59",
    "second must be in 0..59": "een seconde is 0 tot en met 59",
    "unknown {what} {text!r}": "{text!r} is niet toegestaan als {what}",
    # Newsletters (model/issues.py, model/newsletters.py, tools/newsletter.py)
    "there is no news published in {month} and no picks or blocks": (
        "er is in {month} geen nieuws gepubliceerd, en er zijn geen picks of blocks"
    ),
    "check the month, or add picks or blocks to the newsletter": (
        "controleer de maand, of zet picks of blocks in de nieuwsbrief"
    ),
    "{path} {why}": "{path} {why}",
    "check the path, or remove the line": "controleer het pad, of haal de regel weg",
    "{path} is no longer published: left out of this sent issue's web page": (
        "{path} is niet meer gepubliceerd: weggelaten uit de webversie van deze verstuurde nieuwsbrief"
    ),
    "nothing to do if it was unpublished on purpose": "je hoeft niets te doen als dat de bedoeling was",
    "is not a published news article": "is geen gepubliceerd nieuwsbericht",
    "does not exist": "bestaat niet",
    "a pick must be a news file that is not a draft and not dated in the future": (
        "een pick moet een nieuwsbericht zijn dat geen concept is en geen datum in de toekomst heeft"
    ),
    "write the path from the repository root, like content/nieuws/2026-11-12-titel.md": (
        "schrijf het pad vanaf de hoofdmap, zoals content/nieuws/2026-11-12-titel.md"
    ),
    "{path} is not published by the time this newsletter goes out": (
        "{path} is nog niet gepubliceerd als deze nieuwsbrief verstuurd wordt"
    ),
    "pick an article dated before the end of the month, or change its date": (
        "kies een bericht met een datum voor het eind van de maand, of verander de datum"
    ),
    "{path} is dated {date}, not in {month}": "{path} heeft de datum {date}, niet in {month}",
    "fine for a story worth repeating; otherwise pick one from this month": (
        "prima voor een verhaal dat het herhalen waard is; kies anders een bericht van deze maand"
    ),
    "{path} is picked twice": "{path} is twee keer gekozen",
    "remove one of the lines": "haal een van de regels weg",
    "a block": "een blok",
    "a newsletter": "een nieuwsbrief",
    "choice": "keuze",
    "{edition!r} is not a month or an edition of one": "{edition!r} is geen maand en geen editie van een maand",
    "write the year and month as yyyy-mm, like 2026-11, or name an extra edition like 2026-11-sto-dag": (
        "schrijf jaar en maand als jjjj-mm, zoals 2026-11, of noem een extra editie zoals 2026-11-sto-dag"
    ),
    "there is no newsletter file for {edition}": "er is geen nieuwsbriefbestand voor {edition}",
    "create {folder}/{edition}.md with a subject (stogen new nieuwsbrief {edition} makes one)": (
        "maak {folder}/{edition}.md met een subject (stogen new nieuwsbrief {edition} maakt er een)"
    ),
    "start the file with --- , subject: ..., ---": "begin het bestand met --- , subject: ..., ---",
    "{link!r} is not a web address or site path": "{link!r} is geen webadres en geen pad op deze site",
    "write https://... or a path on this site like /agenda/": "schrijf https://... of een pad op deze site, zoals /agenda/",
    "a newsletter file must be named after its month": "een nieuwsbriefbestand moet heten naar zijn maand",
    "rename it, like 2026-11.md, or 2026-11-sto-dag.md for an extra edition that month": (
        "geef het een andere naam, zoals 2026-11.md, of 2026-11-sto-dag.md voor een extra editie die maand"
    ),
    "the email is {size:,} bytes; Gmail clips messages above about 102 KB (limit {size_limit:,})": (
        "de e-mail is {size:,} bytes; Gmail kapt berichten boven ongeveer 102 KB af (grens {size_limit:,})"
    ),
    "leave items out (exclude), show regional news as a digest (regional: digest), or shorten the intro": (
        "laat berichten weg (exclude), toon regionaal nieuws als overzicht (regional: digest), "
        "of maak de inleiding korter"
    ),
    "the <style> block is {style_size:,} bytes (limit {style_limit:,}); Gmail drops larger ones": (
        "het <style>-blok is {style_size:,} bytes (grens {style_limit:,}); Gmail laat grotere blokken weg"
    ),
    "keep only @media rules in the theme's email/email.html <style>": (
        "houd alleen @media-regels over in de <style> van email/email.html in het thema"
    ),
    # The repository's files and folders (model/loader.py)
    "the file name is not UTF-8 text or contains control characters": (
        "de bestandsnaam is geen UTF-8-tekst of bevat onzichtbare stuurtekens"
    ),
    "rename it using letters, digits, spaces and hyphens": "geef het een naam met letters, cijfers, spaties en streepjes",
    "the name contains # ? % or \\, which end or change a web address": (
        "de naam bevat # ? % of \\, die een webadres afbreken of veranderen"
    ),
    "is a symlink to a {kind} outside the repository": "is een snelkoppeling (symlink) naar een {kind} buiten de repository",
    "copy the {kind} into the repository instead of linking to it": (
        "kopieer het bestand of de map naar de repository in plaats van ernaar te verwijzen ({kind})"
    ),
    "region folder name {slug!r} is not a valid slug": "de naam van de regiomap {slug!r} is geen geldige slug",
    "use lowercase letters, digits and hyphens, like noord-groningen": (
        "gebruik kleine letters, cijfers en streepjes, zoals noord-groningen"
    ),
    "the region has no region.yml": "de regio heeft geen region.yml",
    "add regions/{slug}/region.yml with name, provinces, penvoerder and schools": (
        "maak regions/{slug}/region.yml met name, provinces, penvoerder en schools"
    ),
    "is a symlink to a {kind} outside {where} (or to a hidden one)": (
        "is een snelkoppeling (symlink) naar een {kind} buiten {where} (of naar een verborgen {kind})"
    ),
    "copy the {kind} here instead of linking to it": "kopieer de {kind} hierheen in plaats van ernaar te verwijzen",
    "{name!r} is the name of the central programme, not of a region": (
        "{name!r} is de naam van het landelijke programma, niet van een regio"
    ),
    "write the region's own name, like STO Twente": "schrijf de eigen naam van de regio, zoals STO Twente",
    "is a symlink to a folder; stogen does not follow it": (
        "is een snelkoppeling (symlink) naar een map; stogen volgt die niet"
    ),
    "move or copy the folder here": "verplaats of kopieer de map hierheen",
    "a region folder may not be a symlink": "een regiomap mag geen snelkoppeling (symlink) zijn",
    "make it a real folder": "maak er een echte map van",
    "files directly in regions/ are not published": "bestanden die los in regions/ staan worden niet gepubliceerd",
    "put it in the folder of its region, regions/<slug>/": "zet het in de map van de regio, regions/<slug>/",
    "{name!r} is also the name of region {taken}": "{name!r} is ook de naam van regio {taken}",
    "every region needs its own name; a region that merged keeps its old slug in formerly": (
        "elke regio heeft een eigen naam nodig; een samengevoegde regio houdt haar oude slug bij formerly"
    ),
    "is a broken symlink": "is een kapotte snelkoppeling (symlink)",
    "remove it or point it at a file": "haal hem weg of laat hem naar een bestand wijzen",
    "{suffix} files are not published from a region folder": "{suffix}-bestanden uit een regiomap worden niet gepubliceerd",
    "SVG files can contain scripts; save the image as PNG or JPEG": (
        "SVG-bestanden kunnen scripts bevatten; sla de afbeelding op als PNG of JPEG"
    ),
    "only region.yml is read in a region folder": "in een regiomap wordt alleen region.yml gelezen",
    "rename it to region.yml, or move it out of regions/": "noem het region.yml, of zet het buiten regions/",
    "files of type {value} are not published": "bestanden van het type {value} worden niet gepubliceerd",
    "publish Markdown (.md), images or documents: {names}": "publiceer Markdown (.md), afbeeldingen of documenten: {names}",
    # Webinar recordings (model/recordings.py, model/webinars.py)
    "use a YouTube or Vimeo address, like https://www.youtube.com/watch?v=abc123XYZ_0, "
    "https://youtu.be/abc123XYZ_0, https://www.youtube.com/live/abc123XYZ_0 or https://vimeo.com/912345678": (
        "gebruik een adres van YouTube of Vimeo, zoals https://www.youtube.com/watch?v=abc123XYZ_0, "
        "https://youtu.be/abc123XYZ_0, https://www.youtube.com/live/abc123XYZ_0 of https://vimeo.com/912345678"
    ),
    "this webinar starts on {at}, after now ({now}), so it cannot have a recording yet": (
        "dit webinar begint op {at}, na nu ({now}), dus er kan nog geen opname zijn"
    ),
    "remove the recording line until the webinar has taken place, or check the start date": (
        "haal de regel recording weg tot het webinar geweest is, of controleer de startdatum"
    ),
    # region.yml (model/regions.py)
    "a school": "een school",
    "a partner": "een partner",
    "a hotspot": "een hotspot",
    "a primary school": "een basisschool",
    "the plan": "het plan",
    "a change": "een wijziging",
    "region.yml": "region.yml",
    "unknown field in region.yml": "onbekend veld in region.yml",
    "school type": "schooltype",
    "change": "wijziging",
    "set it to the board of one of the region's vmbo schools: {boards}": (
        "kies het bestuur van een van de vmbo-scholen van de regio: {boards}"
    ),
    "add board: ... to the vmbo schools, and name one of those boards as penvoerder": (
        "zet board: ... bij de vmbo-scholen, en noem een van die besturen als penvoerder"
    ),
    "{penvoerder!r} is not the board of a vmbo school here": "{penvoerder!r} is hier niet het bestuur van een vmbo-school",
    "unknown province {text!r}": "onbekende provincie {text!r}",
    "{text!r} is not a location code": "{text!r} is geen vestigingscode",
    "write the BRIN number and location number, like 12AB00": (
        "schrijf het BRIN-nummer en het vestigingsnummer, zoals 12AB00"
    ),
    "{text!r} is not a GitHub account name": "{text!r} is geen naam van een GitHub-account",
    "write the account as on github.com, like jan-voorbeeld (letters, digits, single hyphens)": (
        "schrijf het account zoals op github.com, bijvoorbeeld jan-voorbeeld (letters, cijfers, losse streepjes)"
    ),
    "{text!r} is not a period of school years": "{text!r} is geen periode van schooljaren",
    "write the first and last year, like 2025-2027 for the school years 2025-2026 and 2026-2027": (
        "schrijf het eerste en laatste jaar, zoals 2025-2027 voor de schooljaren 2025-2026 en 2026-2027"
    ),
    "a region needs at least one programme leader, this list is empty": (
        "een regio heeft minstens een programmaleider nodig, deze lijst is leeg"
    ),
    "write - name: ... (and email: ...) for the person who runs the programme in the region": (
        "schrijf - name: ... (en email: ...) voor wie het programma in de regio leidt"
    ),
    "must describe the region as key: value lines": "moet de regio beschrijven met regels naam: waarde",
    "see docs/regions.md": "zie docs/regions.md",
    "a region works with employers, but no partners are listed": (
        "een regio werkt samen met bedrijven, maar er staan geen partners bij"
    ),
    "add the employers of the partnership: partners: [- name: ..., url: ...]": (
        "zet de bedrijven van het samenwerkingsverband erbij: partners: [- name: ..., url: ...]"
    ),
    "a region needs at least 2 vmbo schools, this one has {n}": "een regio heeft minstens 2 vmbo-scholen nodig, deze heeft er {n}",
    "add the partner vmbo schools with type: vmbo, or merge with a neighbouring region": (
        "voeg de vmbo-scholen van de regio toe met type: vmbo, of voeg de regio samen met een buurregio"
    ),
    "a region needs at least 1 mbo school, this one has none": "een regio heeft minstens 1 mbo-school nodig, deze heeft er geen",
    "add the partner mbo institution with type: mbo": "voeg de mbo-instelling van de regio toe met type: mbo",
    "{penvoerder!r} runs no vmbo school with a technical profile here": (
        "{penvoerder!r} heeft hier geen vmbo-school met een technisch profiel"
    ),
    "the penvoerder is the board of a vmbo school with a technical profile ({names}): {value}": (
        "de penvoerder is het bestuur van een vmbo-school met een technisch profiel ({names}): {value}"
    ),
    "lists the region's own slug": "noemt de eigen slug van de regio",
    "list only old slugs": "noem alleen oude slugs",
    "only a vmbo school has leerwegen": "alleen een vmbo-school heeft leerwegen",
    "remove leerwegen here, or write type: vmbo if it is a vmbo school": (
        "haal leerwegen hier weg, of schrijf type: vmbo als het een vmbo-school is"
    ),
    "file {link!r} not found in this region's folder": "bestand {link!r} niet gevonden in de map van deze regio",
    "put the plan (a PDF) in the region's folder and write its path from there, or a web address": (
        "zet het plan (een pdf) in de map van de regio en schrijf het pad vanaf daar, of een webadres"
    ),
    "a region needs at least 2 vmbo schools with a technical profile, this one has {n}": (
        "een regio heeft minstens 2 vmbo-scholen met een technisch profiel nodig, deze heeft er {n}"
    ),
    "list the technical profiles the schools offer: {names}": "noem de technische profielen van de scholen: {names}",
    "location code {code} is listed twice in this region": "vestigingscode {code} staat twee keer in deze regio",
    "see schools[{value}]; remove one": "zie schools[{value}]; haal er een weg",
    "vmbo location {code} ({name}) is also in region {slug}": "vmbo-vestiging {code} ({name}) staat ook in regio {slug}",
    "a vmbo location belongs to one region only; remove it here or from {rel}": (
        "een vmbo-vestiging hoort bij maar een regio; haal haar hier weg of uit {rel}"
    ),
    "old slug {old!r} is the slug of the existing region {old}": "oude slug {old!r} is de slug van de bestaande regio {old}",
    "an old slug can never be reused; remove it or rename the other region": (
        "een oude slug mag nooit opnieuw gebruikt worden; haal hem weg of hernoem de andere regio"
    ),
    "add the profiles to its schools": "zet de profielen bij de scholen",
    "old slug {old!r} is also claimed by region {slug}": "oude slug {old!r} wordt ook gebruikt door regio {slug}",
    "an old URL can redirect to one region only; see {rel}": (
        "een oud adres kan maar naar een regio doorverwijzen; zie {rel}"
    ),
    # Placing items (model/site.py)
    "write the path relative to this file, like ../images/foto.jpg": (
        "schrijf het pad vanaf dit bestand, zoals ../images/foto.jpg"
    ),
    "write the path relative to this file, like slides/presentatie.pdf, or a full https:// address": (
        "schrijf het pad vanaf dit bestand, zoals slides/presentatie.pdf, of een volledig https://-adres"
    ),
    "{field} file {written!r} not found": "{field}-bestand {written!r} niet gevonden",
    "central content cannot publish under /{regions}/": "landelijke inhoud kan niet onder /{regions}/ publiceren",
    "the /regio/ space belongs to the regions; put it in regions/<slug>/": (
        "/regio/ is van de regio's; zet het bestand in regions/<slug>/"
    ),
    # Redirects (outputs/redirects.py)
    "alias {source} is outside this region's space {value}": "alias {source} ligt buiten het deel van deze regio, {value}",
    "a region may only redirect its own old paths; ask the central editors for a redirect from {source}": (
        "een regio mag alleen haar eigen oude adressen doorverwijzen; vraag de landelijke redactie om een "
        "doorverwijzing vanaf {source}"
    ),
    "redirect from {hidden} would hide a real page, published by {name}": (
        "een doorverwijzing vanaf {hidden} zou een echte pagina verbergen, gepubliceerd door {name}"
    ),
    "remove the alias, or rename the page that took over this path": (
        "haal de alias weg, of geef de pagina die dit adres nu heeft een andere naam"
    ),
    "redirect from {source} to itself": "doorverwijzing van {source} naar zichzelf",
    "remove it": "haal hem weg",
    "alias {source} is inside the regions' space {regions_space}": "alias {source} ligt in het deel van de regio's, {regions_space}",
    "central content cannot take over a region's old paths; let the region add the alias": (
        "landelijke inhoud kan geen oude adressen van een regio overnemen; laat de regio de alias toevoegen"
    ),
    "{source} is also redirected by {where}": "{source} wordt ook doorverwezen door {where}",
    "a path can redirect to one place only; remove one of the two": (
        "een adres kan maar naar een plek doorverwijzen; haal een van de twee weg"
    ),
    "redirect {source} -> {target} leads to another redirect, {source2} from {where}": (
        "doorverwijzing {source} -> {target} komt uit bij nog een doorverwijzing, {source2} uit {where}"
    ),
    "point both old paths straight at the final page (a chain of redirects, or a loop)": (
        "laat beide oude adressen meteen naar de laatste pagina wijzen (een keten van doorverwijzingen, of een kring)"
    ),
    # Search engines (outputs/structured.py)
    "is {n} characters; search engines show about {summary_limit}": (
        "is {n} tekens; zoekmachines tonen er ongeveer {summary_limit}"
    ),
    "shorten it to one or two sentences; the rest belongs in the text": (
        "maak er een of twee zinnen van; de rest hoort in de tekst"
    ),
    # The Markdown text (render/markdown.py)
    "use at most {max} levels of quotes, lists, emphasis and links inside each other, and put a"
    " blank line between long lists of link references": (
        "zet hoogstens {max} lagen citaten, lijsten, nadruk en links in elkaar, en zet een lege regel tussen lange "
        "lijsten met linkverwijzingen"
    ),
    "{kind} target {url!r} not found": "{kind} naar {url!r}: het bestand is niet gevonden",
    "no published file at {rel}; check the name and the ../ parts, and that it is not a draft": (
        "geen gepubliceerd bestand op {rel}; controleer de naam en de ../-delen, en of het geen concept is"
    ),
    "a paragraph has more than {max} emphasis marks (* _ ~)": "een alinea heeft meer dan {max} nadruktekens (* _ ~)",
    "quotes or lists are nested more than {max} levels deep": "citaten of lijsten staan meer dan {max} lagen diep in elkaar",
    "more than {max} link references ([naam]: adres) follow each other": (
        "meer dan {max} linkverwijzingen ([naam]: adres) staan achter elkaar"
    ),
    "emphasis or links are nested more than {max} levels deep": "nadruk of links staan meer dan {max} lagen diep in elkaar",
    "has more than {max_headings} headings": "heeft meer dan {max_headings} kopjes",
    "split the text into several pages": "verdeel de tekst over meer pagina's",
    "image has no alt text": "afbeelding heeft geen alt-tekst (beschrijving)",
    "describe the image: ![Leerlingen in de werkplaats](foto.png)": (
        "beschrijf de afbeelding: ![Leerlingen in de werkplaats](foto.png)"
    ),
    "{kind} points outside the repository": "{kind} wijst naar iets buiten de repository",
    "link only to files inside content/ or regions/": "link alleen naar bestanden in content/ of regions/",
    "{kind} to {rel}, which is not published (a draft, or dated in the future): shown as plain text": (
        "{kind} naar {rel}, dat niet gepubliceerd is (een concept, of met een datum in de toekomst): "
        "getoond als gewone tekst"
    ),
    "publish it, or remove the link": "publiceer het, of haal de link weg",
    "{written!r} {message}": "{written!r} {message}",
    # stogen check (tools/check.py)
    "{shown!r} is shown as text: the Markdown {kind} was not recognised": (
        "{shown!r} staat als gewone tekst op de pagina: de Markdown-{kind} is niet herkend"
    ),
    "a file name with spaces goes between < and >: ![Beschrijving](<WhatsApp Image 2026.jpeg>); "
    "or rename the file without spaces": (
        "zet een bestandsnaam met spaties tussen < en >: ![Beschrijving](<WhatsApp Image 2026.jpeg>); "
        "of geef het bestand een naam zonder spaties"
    ),
    "the title {title!r} is also the title of /{url}": "de titel {title!r} is ook de titel van /{url}",
    "give each page its own title": "geef elke pagina een eigen titel",
    "check the address, or link to the content file (.md) so stogen writes the right URL": (
        "controleer het adres, of link naar het bestand (.md), dan maakt stogen het goede webadres"
    ),
    "link to another content file by its path relative to this file, e.g. ../nieuws/2026-11-02-x.md": (
        "link naar een ander bericht met het pad vanaf dit bestand, bijvoorbeeld ../nieuws/2026-11-02-x.md"
    ),
    "{href} leads to a page that does not exist": "{href} leidt naar een pagina die niet bestaat",
    "the server answered {code} {reason}": "de server antwoordde {code} {reason}",
    "could not be fetched ({reason})": "kon niet opgehaald worden ({reason})",
    "an <img> without src": "een <img> zonder src",
    "give the image a file or address": "geef de afbeelding een bestand of adres",
    "image {src} has no alt text": "afbeelding {src} heeft geen alt-tekst (beschrijving)",
    "add image_alt to the front matter": "zet image_alt in de gegevens bovenaan het bestand",
    "not fetched: {reason}": "niet opgehaald: {reason}",
    "{href}: no anchor #{anchor} on that page": "{href}: er is geen anker #{anchor} op die pagina",
    "check the part after # against the headings of that page": "vergelijk het deel na # met de kopjes van die pagina",
    "{href}: {failure}": "{href}: {failure}",
    "fix or remove the link": "verbeter de link of haal hem weg",
    "{placeholder} is not a figure stogen counts": "{placeholder} is geen getal dat stogen telt",
    "write {{aantal-regios}} for the number of regions (counted at every build), or remove the braces": "schrijf {{aantal-regios}} voor het aantal regio's (bij elke build geteld), of haal de accolades weg",
    "{code} is not a school of this region": "{code} is geen school van deze regio",
    "use the location code of one of the region's schools: {codes}": "gebruik de vestigingscode van een school van deze regio: {codes}",
    "this paragraph cannot be read: a [ is followed by a ` that is never closed": "deze alinea is niet te lezen: na een [ staat een ` die nergens wordt gesloten",
    "close the code with a second ` (like `code`), or write \\` for a backtick that is just a character": "sluit de code met een tweede ` (zoals `code`), of schrijf \\` voor een losse backtick",
}
