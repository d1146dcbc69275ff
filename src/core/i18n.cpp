#include "core/i18n.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <unordered_map>

namespace nestmap {
namespace {

std::atomic<Language> g_language{Language::Dutch};

// One row per text: key, Dutch, English. Keep the two languages together;
// tests/core/i18n_test.cpp fails on an empty or duplicated entry.
constexpr Translation kTable[] = {
    // [SECTION] store: opening files
    {"store.not_found", "Het bestand {0} bestaat niet.", "The file {0} does not exist."},
    {"store.exists", "Het bestand {0} bestaat al; kies een andere naam.",
     "The file {0} already exists; choose another name."},
    {"store.not_sqlite", "{0} is geen Nestmap-kaart: het is geen SQLite-databank.",
     "{0} is not a Nestmap map: it is not an SQLite database."},
    {"store.not_nestmap", "{0} is een SQLite-databank, maar geen Nestmap-kaart (application_id {1}).",
     "{0} is an SQLite database but not a Nestmap map (application_id {1})."},
    {"store.newer",
     "{0} is gemaakt met een nieuwere versie van Nestmap (schema {1}; deze versie kent schema {2}). Werk Nestmap bij "
     "om het te openen.",
     "{0} was made by a newer version of Nestmap (schema {1}; this version knows schema {2}). Update Nestmap to open "
     "it."},
    {"store.corrupt", "{0} is beschadigd; de integriteitscontrole meldt: {1}",
     "{0} is damaged; the integrity check reports: {1}"},
    {"store.locked", "{0} is vergrendeld door een ander proces. Sluit dat programma en probeer opnieuw.",
     "{0} is locked by another process. Close that program and try again."},
    {"store.io", "{0} kan niet geopend of geschreven worden: {1}", "{0} cannot be opened or written: {1}"},
    {"store.migrated", "Kaart bijgewerkt van schema {0} naar {1}; reservekopie: {2}",
     "Map upgraded from schema {0} to {1}; backup copy: {2}"},
    {"store.cannot_read", "lezen is niet toegestaan", "reading is not permitted"},

    // [SECTION] validation of records
    {"valid.name_empty", "De naam mag niet leeg zijn.", "The name must not be empty."},
    {"valid.title_empty", "De titel mag niet leeg zijn.", "The title must not be empty."},
    {"valid.key_empty", "De sleutel mag niet leeg zijn.", "The key must not be empty."},
    {"valid.actor_type", "Onbekend actortype (#{0}).", "Unknown actor type (#{0})."},
    {"valid.parent_self", "Een actor kan niet zijn eigen moederorganisatie zijn.",
     "An actor cannot be its own parent."},
    {"valid.parent_missing", "De moederorganisatie (#{0}) bestaat niet.",
     "The parent organisation (#{0}) does not exist."},
    {"valid.parent_cycle", "Deze moederorganisatie zou een kring maken (A onder B onder A).",
     "This parent would make a cycle (A under B under A)."},
    {"valid.latlon_pair", "Geef breedte- én lengtegraad, of geen van beide.",
     "Give both latitude and longitude, or neither."},
    {"valid.latitude", "Breedtegraad {0} ligt niet tussen −90 en 90.", "Latitude {0} is not between −90 and 90."},
    {"valid.longitude", "Lengtegraad {0} ligt niet tussen −180 en 180.", "Longitude {0} is not between −180 and 180."},
    {"valid.line", "Lijn {0} bestaat niet (0–3).", "Line {0} does not exist (0–3)."},
    {"valid.influence", "Invloed {0} ligt niet tussen 0 en 5.", "Influence {0} is not between 0 and 5."},
    {"valid.interest", "Belang {0} ligt niet tussen 0 en 5.", "Interest {0} is not between 0 and 5."},
    {"valid.dates", "De einddatum {1} ligt vóór de begindatum {0}.",
     "The end date {1} lies before the start date {0}."},
    {"valid.tie_end", "Een uiteinde van de band (#{0}) bestaat niet.", "An end of the tie (#{0}) does not exist."},
    {"valid.tie_self", "Een band moet twee verschillende actoren verbinden.", "A tie must join two different actors."},
    {"valid.tie_type", "Onbekend type band (#{0}).", "Unknown tie type (#{0})."},
    {"valid.strength", "Sterkte {0} ligt niet tussen 1 en 3.", "Strength {0} is not between 1 and 3."},
    {"valid.contact_actor", "De actor van dit contact (#{0}) bestaat niet.",
     "The actor of this contact (#{0}) does not exist."},
    {"valid.contact_empty", "Geef het contact een naam of een functie.", "Give the contact a name or a role."},
    {"valid.party_missing", "Partij #{0} bestaat niet.", "Party #{0} does not exist."},
    {"valid.party_twice", "Partij #{0} staat er twee keer in.", "Party #{0} is listed twice."},
    {"valid.parties_two", "Een afspraak heeft minstens twee partijen.", "An agreement has at least two parties."},
    {"valid.agreement_type", "Onbekend type afspraak (#{0}).", "Unknown agreement type (#{0})."},
    {"valid.scope_missing", "De gevangenis van deze afspraak (#{0}) bestaat niet.",
     "The prison of this agreement (#{0}) does not exist."},
    {"valid.history_order", "Statusdatum {0} ligt vóór de vorige status ({1}).",
     "Status date {0} lies before the previous status ({1})."},
    {"valid.work_package", "Werkpakket {0} bestaat niet (1–5).", "Work package {0} does not exist (1–5)."},
    {"valid.building_block", "Bouwsteen {0} bestaat niet of staat er twee keer in (1–8).",
     "Building block {0} does not exist or is listed twice (1–8)."},
    {"valid.sector", "Onbekende sector (#{0}).", "Unknown sector (#{0})."},
    {"valid.template", "Onbekend nestsjabloon (#{0}).", "Unknown nest template (#{0})."},
    {"valid.hop_limit", "Stappenlimiet {0} moet minstens 1 zijn.", "Hop limit {0} must be at least 1."},
    {"valid.radius", "Straal {0} km moet groter dan 0 zijn.", "Radius {0} km must be greater than 0."},
    {"valid.weight", "Gewicht {0} moet groter dan 0 zijn.", "Weight {0} must be greater than 0."},

    // [SECTION] commands (shown in Bewerken and in the change log)
    {"cmd.add_actor", "Actor ‘{0}’ toevoegen", "Add actor ‘{0}’"},
    {"cmd.apply_layout", "Indeling ‘{0}’ in weergave ‘{1}’", "Layout ‘{0}’ in view ‘{1}’"},
    {"cmd.update_actor", "Actor ‘{0}’ wijzigen", "Edit actor ‘{0}’"},
    {"cmd.delete_actor", "Actor ‘{0}’ verwijderen", "Delete actor ‘{0}’"},
    {"cmd.add_tie", "Band ‘{0}’ – ‘{1}’ toevoegen", "Add tie ‘{0}’ – ‘{1}’"},
    {"cmd.update_tie", "Band ‘{0}’ – ‘{1}’ wijzigen", "Edit tie ‘{0}’ – ‘{1}’"},
    {"cmd.delete_tie", "Band ‘{0}’ – ‘{1}’ verwijderen", "Delete tie ‘{0}’ – ‘{1}’"},
    {"cmd.add_contact", "Contact ‘{0}’ toevoegen", "Add contact ‘{0}’"},
    {"cmd.update_contact", "Contact ‘{0}’ wijzigen", "Edit contact ‘{0}’"},
    {"cmd.delete_contact", "Contact ‘{0}’ verwijderen", "Delete contact ‘{0}’"},
    {"cmd.add_agreement", "Afspraak ‘{0}’ toevoegen", "Add agreement ‘{0}’"},
    {"cmd.update_agreement", "Afspraak ‘{0}’ wijzigen", "Edit agreement ‘{0}’"},
    {"cmd.delete_agreement", "Afspraak ‘{0}’ verwijderen", "Delete agreement ‘{0}’"},
    {"cmd.agreement_status", "Afspraak ‘{0}’ op ‘{1}’ zetten", "Set agreement ‘{0}’ to ‘{1}’"},
    {"cmd.move_actor", "Actor ‘{0}’ verplaatsen", "Move actor ‘{0}’"},
    {"cmd.move_actors", "{0} actoren verplaatsen", "Move {0} actors"},
    {"cmd.map_info", "Kaartgegevens ‘{0}’ wijzigen", "Edit map details ‘{0}’"},
    {"cmd.put_record", "Taxonomie-item {0} bewaren", "Save taxonomy item {0}"},
    {"cmd.remove_record", "Taxonomie-item {0} verwijderen", "Delete taxonomy item {0}"},
    {"cmd.new", "nieuw", "new"},
    {"edit.no_record", "Record #{0} bestaat niet (meer).", "Record #{0} does not exist (any more)."},
    {"doc.created", "Kaart ‘{0}’ aangemaakt", "Map ‘{0}’ created"},
    {"doc.undone", "Ongedaan gemaakt: {0}", "Undone: {0}"},
    {"doc.redone", "Opnieuw gedaan: {0}", "Redone: {0}"},

    // [SECTION] agreement statuses (fallback labels; maps carry their own)
    {"status.idea", "idee", "idea"},
    {"status.discussion", "in bespreking", "in discussion"},
    {"status.agreed", "afgesproken", "agreed"},
    {"status.formalised", "geformaliseerd", "formalised"},
    {"status.practice", "in de praktijk", "in practice"},
    {"status.evaluated", "geëvalueerd", "evaluated"},
    {"status.stopped", "stopgezet", "stopped"},

    // [SECTION] CSV and data sources
    {"csv.error", "{0}:{1}:{2}: {3}", "{0}:{1}:{2}: {3}"},
    {"csv.quote_inside", "een aanhalingsteken midden in een veld zonder aanhalingstekens",
     "a quote inside an unquoted field"},
    {"csv.after_quote", "tekst na het sluitende aanhalingsteken", "text after the closing quote"},
    {"csv.unclosed_quote", "een aanhalingsteken wordt nooit gesloten", "a quote is never closed"},
    {"csv.empty", "het bestand is leeg (geen kopregel)", "the file is empty (no header line)"},
    {"csv.field_count", "{0} velden in plaats van {1}", "{0} fields instead of {1}"},
    {"csv.header", "verkeerde kopregel: verwacht ‘{0}’, gevonden ‘{1}’", "wrong header: expected ‘{0}’, found ‘{1}’"},
    {"csv.no_column", "kolom ‘{0}’ ontbreekt", "column ‘{0}’ is missing"},
    {"csv.in_column", "kolom ‘{0}’: {1}", "column ‘{0}’: {1}"},
    {"data.missing", "Het bronbestand data/{0} ontbreekt.", "The source file data/{0} is missing."},
    {"data.key_empty", "lege sleutel", "empty key"},
    {"data.key_twice", "sleutel ‘{0}’ komt twee keer voor", "key ‘{0}’ appears twice"},
    {"data.value_missing", "waarde ontbreekt", "value missing"},
    {"data.unknown_key", "onbekende sleutel ‘{0}’", "unknown key ‘{0}’"},
    {"data.bad_color", "‘{0}’ is geen kleur (#rrggbb)", "‘{0}’ is not a colour (#rrggbb)"},
    {"data.bad_integer", "‘{0}’ is geen geheel getal van {1} tot {2}", "‘{0}’ is not a whole number from {1} to {2}"},
    {"data.bad_number", "‘{0}’ is geen getal", "‘{0}’ is not a number"},
    {"data.bad_date", "‘{0}’ is geen geldige datum (JJJJ-MM-DD)", "‘{0}’ is not a valid date (YYYY-MM-DD)"},
    {"data.bad_choice", "‘{0}’ is geen toegelaten waarde", "‘{0}’ is not an allowed value"},
    {"data.statuses_incomplete", "{0} moet elke status van de workflow precies één keer noemen",
     "{0} must name every status of the workflow exactly once"},

    // [SECTION] import of GraphML and GEXF (src/io/graph_import.cpp, src/app/cli_import.cpp)
    {"import.error", "{0}:{1}:{2}: {3}", "{0}:{1}:{2}: {3}"},
    {"import.not_found", "Het bestand {0} bestaat niet.", "The file {0} does not exist."},
    {"import.cannot_read", "Het bestand {0} kan niet gelezen worden.", "The file {0} cannot be read."},
    {"import.xml_tag", "ongeldige XML: een tag is verkeerd geschreven", "invalid XML: a malformed tag"},
    {"import.xml_attribute", "ongeldige XML: een attribuut is verkeerd geschreven",
     "invalid XML: a malformed attribute"},
    {"import.xml_end", "ongeldige XML: een tag wordt niet of verkeerd gesloten",
     "invalid XML: a tag is not closed, or closed in the wrong place"},
    {"import.xml_text", "ongeldige XML: fout in tekst, commentaar, CDATA of DOCTYPE",
     "invalid XML: malformed text, comment, CDATA or DOCTYPE"},
    {"import.xml_empty", "het bestand bevat geen XML-element", "the file holds no XML element"},
    {"import.xml_other", "de XML kan niet gelezen worden ({0})", "the XML cannot be read ({0})"},
    {"import.xml_two_roots", "ongeldige XML: een tweede hoofdelement <{0}>",
     "invalid XML: a second root element <{0}>"},
    {"import.root", "het hoofdelement is <{0}>; verwacht <graphml> of <gexf>",
     "the root element is <{0}>; expected <graphml> or <gexf>"},
    {"import.no_graph", "geen <graph>-element", "no <graph> element"},
    {"import.two_graphs", "een tweede <graph>; Nestmap leest één graaf per bestand",
     "a second <graph>; Nestmap reads one graph per file"},
    {"import.unsupported", "<{0}> wordt niet ondersteund (geneste grafen, hyperranden)",
     "<{0}> is not supported (nested graphs, hyperedges)"},
    {"import.missing_attr", "attribuut ‘{0}’ ontbreekt", "attribute ‘{0}’ is missing"},
    {"import.node_twice", "knoop ‘{0}’ komt twee keer voor", "node ‘{0}’ appears twice"},
    {"import.key_twice", "attribuutdefinitie ‘{0}’ komt twee keer voor", "attribute definition ‘{0}’ appears twice"},
    {"import.unknown_node", "onbekende knoop ‘{0}’", "unknown node ‘{0}’"},
    {"import.unknown_key", "onbekend attribuut ‘{0}’ (niet gedefinieerd)", "unknown attribute ‘{0}’ (not declared)"},
    {"import.bad_type", "onbekend attribuuttype ‘{0}’", "unknown attribute type ‘{0}’"},
    {"import.bad_value", "‘{0}’ is geen geldige waarde van type {1}", "‘{0}’ is not a valid value of type {1}"},
    {"import.bad_weight", "gewicht ‘{0}’ is geen getal groter dan 0", "weight ‘{0}’ is not a number greater than 0"},
    {"import.bad_direction", "‘{0}’ is geen geldige richting", "‘{0}’ is not a valid direction"},
    {"import.bad_color", "‘{0}’ is geen kleurwaarde van 0 tot 255", "‘{0}’ is not a colour value from 0 to 255"},
    {"import.no_other_type", "De taxonomie heeft geen actortype en type band ‘other’ voor geïmporteerde records.",
     "The taxonomy has no actor type and tie type ‘other’ for imported records."},
    {"import.description", "Geïmporteerd uit {0}", "Imported from {0}"},
    {"import.done", "Geïmporteerd: {0} actoren, {1} banden ({2} lussen overgeslagen) → {3}",
     "Imported: {0} actors, {1} ties ({2} loops skipped) → {3}"},
    {"view.imported_layout", "Geïmporteerde lay-out", "Imported layout"},
    {"cli.cmd.import", "Importeer een GraphML- of GEXF-bestand als nieuwe kaart",
     "Import a GraphML or GEXF file as a new map"},
    {"cli.opt.import_in", "Het GraphML- (.graphml) of GEXF-bestand (.gexf)",
     "The GraphML (.graphml) or GEXF (.gexf) file"},
    {"cli.opt.import_out", "De nieuwe kaart (.nestmap)", "The new map (.nestmap)"},
    // [SECTION] command line
    {"cli.about",
     "Nestmap: het netwerk rond kinderen van gedetineerde ouders in kaart brengen en de gaten erin vinden.",
     "Nestmap: map the network around children of detained parents and find its gaps."},
    {"cli.help", "Toon deze hulp en stop", "Print this help and exit"},
    {"cli.opt.lang", "Taal van de uitvoer: nl of en", "Language of the output: nl or en"},
    {"cli.opt.gui_file", "Kaart om te openen in het venster (zonder: de demokaart)",
     "Map to open in the window (without: the demo map)"},
    {"cli.opt.screenshot", "Schrijf na het opstarten een PNG van het venster en stop",
     "Write a PNG of the window after start-up and quit"},
    {"cli.opt.width", "Breedte van het venster in pixels", "Window width in pixels"},
    {"cli.opt.height", "Hoogte van het venster in pixels", "Window height in pixels"},
    {"cli.opt.file", "Het .nestmap-bestand", "The .nestmap file"},
    {"cli.opt.name", "Naam van de nieuwe kaart", "Name of the new map"},
    {"cli.opt.force", "Overschrijf een bestaand bestand", "Overwrite an existing file"},
    {"cli.opt.format", "Uitvoer: table of json", "Output: table or json"},
    {"cli.opt.full", "Volledige integriteitscontrole (trager)", "Full integrity check (slower)"},
    {"cli.opt.limit", "Toon alleen de laatste N wijzigingen", "Show only the last N changes"},
    {"cli.cmd.new", "Maak een nieuwe, lege kaart met de standaardtaxonomie",
     "Create a new, empty map with the default taxonomy"},
    {"cli.cmd.demo", "Maak de demokaart (echte organisaties, fictieve banden en afspraken)",
     "Create the demo map (real organisations, invented ties and agreements)"},
    {"cli.cmd.info", "Toon naam, schemaversie, integriteit en aantallen per type",
     "Show name, schema version, integrity and counts per type"},
    {"cli.cmd.check", "Controleer het bestand en elk record; exitcode 1 bij problemen",
     "Check the file and every record; exit code 1 on problems"},
    {"cli.cmd.log", "Toon het wijzigingslogboek van de kaart", "Show the map's change log"},
    {"cli.footer",
     "Exitcodes: 0 gelukt, 1 problemen gevonden, 2 verkeerde argumenten, 3 bestand niet gevonden, 4 geen "
     "Nestmap-kaart, 5 nieuwere versie, 6 beschadigd, 7 vergrendeld, 8 bestaat al, 9 ongeldige invoer, "
     "10 lees- of schrijffout, 11 venster kan niet open.",
     "Exit codes: 0 done, 1 problems found, 2 wrong arguments, 3 file not found, 4 not a Nestmap map, 5 newer "
     "version, 6 damaged, 7 locked, 8 already exists, 9 invalid input, 10 read or write error, 11 window cannot "
     "open."},
    {"cli.see_help", "Zie ‘nestmap --help’.", "See ‘nestmap --help’."},
    {"cli.no_gui", "Deze build van Nestmap heeft geen venster; gebruik een subcommando (zie --help).",
     "This build of Nestmap has no window; use a subcommand (see --help)."},
    {"cli.created", "Nieuwe kaart aangemaakt: {0}", "New map created: {0}"},
    {"cli.demo_created", "Demokaart aangemaakt: {0}", "Demo map created: {0}"},
    {"cli.demo_kept",
     "De demokaart {0} is gewijzigd en blijft zoals ze is; ‘nestmap demo --force {0}’ maakt ze opnieuw.",
     "The demo map {0} has been edited and is kept as it is; ‘nestmap demo --force {0}’ rebuilds it."},
    {"cli.info.map", "Kaart", "Map"},
    {"cli.info.file", "Bestand", "File"},
    {"cli.info.schema", "Schemaversie", "Schema version"},
    {"cli.info.integrity", "Integriteit", "Integrity"},
    {"cli.info.actors", "Actoren", "Actors"},
    {"cli.info.ties", "Banden", "Ties"},
    {"cli.info.agreements", "Afspraken", "Agreements"},
    {"cli.info.contacts", "Contacten", "Contacts"},
    {"cli.info.views", "Weergaven", "Views"},
    {"cli.info.changes", "Wijzigingen in het logboek", "Changes in the log"},
    {"cli.ok", "in orde", "sound"},
    {"cli.problems", "problemen gevonden (zie ‘nestmap check’)", "problems found (see ‘nestmap check’)"},
    {"cli.check_ok", "{0} is in orde: {1} actoren, {2} banden, {3} afspraken.",
     "{0} is sound: {1} actors, {2} ties, {3} agreements."},
    {"cli.check_problems", "{0}: {1} problemen gevonden:", "{0}: {1} problems found:"},
    {"cli.log_records", "{0} records", "{0} records"},
    {"cli.internal", "interne fout: {0}", "internal error: {0}"},
    {"cli.cmd.metrics", "Maten per actor: degree, betweenness, closeness, eigenvector, pagerank, …",
     "Measures per actor: degree, betweenness, closeness, eigenvector, pagerank, …"},
    {"cli.cmd.structure", "Componenten, snijpunten (wie valt weg zonder wie) en bruggen",
     "Components, cut points (who drops out without whom) and bridges"},
    {"cli.opt.metric", "Een maat (herhaalbaar); zonder: de gewone maten",
     "A measure (repeatable); without: the usual ones"},
    {"cli.opt.format_csv", "Uitvoer: table, csv of json", "Output: table, csv or json"},
    {"cli.opt.directed", "Houd rekening met de richting van banden", "Take the direction of ties into account"},
    {"analysis.actor", "Actor", "Actor"},
    {"cli.cmd.communities", "Gemeenschappen (Louvain) en de modulariteit van de indeling per sector",
     "Communities (Louvain) and the modularity of the split by sector"},
    {"cli.opt.seed", "Startwaarde van het toeval: dezelfde geeft dezelfde indeling",
     "Random seed: the same gives the same split"},
    {"cli.opt.resolution", "Resolutie γ: groter geeft meer, kleinere gemeenschappen",
     "Resolution γ: larger gives more, smaller communities"},
    {"analysis.communities", "{0} gemeenschappen, modulariteit {1} (indeling per sector: {2})",
     "{0} communities, modularity {1} (split by sector: {2})"},
    {"cli.cmd.path", "De kortste weg tussen twee actoren, met wie ertussen staat",
     "The shortest path between two actors, with who stands in between"},
    {"cli.opt.from", "Van: naam, externe id of UUID van een actor", "From: name, external id or UUID of an actor"},
    {"cli.opt.to", "Naar: naam, externe id of UUID van een actor", "To: name, external id or UUID of an actor"},
    {"cli.opt.weighted", "Sterke banden tellen als korter (lengte 1/gewicht)",
     "Strong ties count as shorter (length 1/weight)"},
    {"analysis.no_actor", "Geen actor gevonden voor ‘{0}’.", "No actor found for ‘{0}’."},
    {"analysis.ambiguous", "‘{0}’ past bij meer dan één actor; bedoelt u:{1}",
     "‘{0}’ matches more than one actor; did you mean:{1}"},
    {"analysis.no_path", "Er is geen weg van ‘{0}’ naar ‘{1}’ via actieve banden.",
     "There is no path from ‘{0}’ to ‘{1}’ through active ties."},
    {"analysis.path", "Kortste weg ({0} stappen):", "Shortest path ({0} steps):"},
    {"analysis.components", "Componenten: {0} (de grootste telt {1} actoren)",
     "Components: {0} (the largest has {1} actors)"},
    {"analysis.cut_points", "Snijpunten: {0}", "Cut points: {0}"},
    {"analysis.cuts_off", "zonder deze actor verliezen {0} actoren hun verbinding",
     "without this actor {0} actors lose their link"},
    {"analysis.cuts_off_one", "zonder deze actor verliest 1 actor de verbinding",
     "without this actor 1 actor loses its link"},
    {"analysis.bridges", "Bruggen (banden waar alles aan hangt): {0}", "Bridges (ties everything hangs on): {0}"},
    {"tie_status.active", "actief", "active"},
    {"tie_status.planned", "gepland", "planned"},
    {"tie_status.ended", "beëindigd", "ended"},
    // [SECTION] the nest: gaps, partners, report
    {"cli.cmd.gaps", "Dekking van de nest per gevangenis: welke hulp binnen bereik is, welke ontbreekt",
     "Nest coverage per prison: which help is within reach, which is missing"},
    {"cli.cmd.partners", "Mogelijke partners voor een gevangenis, met wie hen kan voorstellen",
     "Possible partners for a prison, with who can introduce them"},
    {"cli.cmd.report", "Schrijf een rapport voor de stuurgroep (Markdown)",
     "Write a report for the steering group (Markdown)"},
    {"cli.opt.prison", "Gevangenis: naam, korte naam of sleutel (hoofdletters en accenten tellen niet)",
     "Prison: name, short name or key (case and accents do not matter)"},
    {"cli.opt.category", "Categorie van de nest (sleutel of naam); zonder: alle ontbrekende",
     "Nest category (key or name); without: every missing one"},
    {"cli.opt.radius", "Zoekstraal in km; zonder: de straal van de categorie",
     "Search radius in km; without: the category's radius"},
    {"cli.opt.partner_limit", "Hoeveel kandidaten per categorie (standaard 5)",
     "How many candidates per category (default 5)"},
    {"cli.opt.as_of", "Toon de kaart zoals ze was op deze dag (JJJJ-MM-DD); standaard vandaag",
     "Show the map as it was on this day (YYYY-MM-DD); default today"},
    {"cli.opt.since", "Vergelijk met deze dag (JJJJ-MM-DD): welke cellen gewonnen of verloren zijn",
     "Compare with this day (YYYY-MM-DD): which cells were gained or lost"},
    {"cli.opt.format_md", "Uitvoer: table, csv, json of md", "Output: table, csv, json or md"},
    {"cli.opt.report_out", "Het rapportbestand om te schrijven (Markdown)", "The report file to write (Markdown)"},
    {"nest.status.formalised", "geformaliseerd", "formalised"},
    {"nest.status.informal", "informeel", "informal"},
    {"nest.status.missing", "ontbreekt", "missing"},
    {"nest.fragile.single_partner", "slechts één partner ({0})", "only one partner ({0})"},
    {"nest.fragile.single_actor", "elke weg loopt via {0}", "every way runs through {0}"},
    {"nest.fragile.single_tie", "elke weg hangt aan één band: {0} – {1}", "every way hangs on one tie: {0} – {1}"},
    {"nest.stale", "herziening verstreken: {0}", "review overdue: {0}"},
    {"name.did_you_mean", "Bedoelt u:", "Did you mean:"},
    {"nest.unknown_prison", "Geen gevangenis gevonden voor ‘{0}’.", "No prison found for ‘{0}’."},
    {"nest.ambiguous_prison", "‘{0}’ past bij meer dan één gevangenis; bedoelt u:{1}",
     "‘{0}’ matches more than one prison; did you mean:{1}"},
    {"nest.unknown_category", "Geen categorie van de nest gevonden voor ‘{0}’.", "No nest category found for ‘{0}’."},
    {"nest.ambiguous_category", "‘{0}’ past bij meer dan één categorie; bedoelt u:{1}",
     "‘{0}’ matches more than one category; did you mean:{1}"},
    {"nest.no_template", "Deze kaart heeft geen nestsjabloon; voeg er een toe om de dekking te meten.",
     "This map has no nest template; add one to measure coverage."},
    {"nest.prison", "Gevangenis", "Prison"},
    {"nest.score", "Score", "Score"},
    {"nest.category_score", "Score per categorie", "Score per category"},
    {"nest.columns", "Kolommen:", "Columns:"},
    {"nest.reach.formal", "vraagt een afspraak", "needs an agreement"},
    {"nest.reach.any", "een band volstaat", "a tie will do"},
    {"nest.hop_limit", "hoogstens {0} stappen", "at most {0} steps"},
    {"nest.hop_limit_one", "rechtstreeks (1 stap)", "directly (1 step)"},
    {"nest.weight", "gewicht {0}", "weight {0}"},
    {"nest.legend",
     "● geformaliseerd: een afspraak (afgesproken, geformaliseerd of in de praktijk) verbindt de gevangenis met de "
     "categorie · ◐ informeel: alleen banden, of bereikbaar via anderen binnen de stappengrens · ○ ontbreekt · ! "
     "kwetsbaar: één partner, of alles loopt via één actor of één band · ~ verouderd: de herzieningsdatum van elke "
     "afspraak is voorbij. Score: geformaliseerd 1, informeel 0,5 (0,25 waar de categorie een "
     "afspraak vraagt), ontbreekt 0; elke markering ×0,75; gewogen gemiddelde in %.",
     "● formalised: an agreement (agreed, formalised or in practice) links the prison with the category · ◐ "
     "informal: ties only, or reachable through others within the hop limit · ○ missing · ! fragile: one partner, "
     "or everything runs through one actor or one tie · ~ stale: every agreement's review date has passed. Score: "
     "formalised 1, informal 0.5 (0.25 where the category needs an agreement), missing 0; each mark ×0.75; weighted "
     "mean in %."},
    {"nest.table.title", "Dekking van de nest op {0} (sjabloon: {1})", "Nest coverage on {0} (template: {1})"},
    {"nest.flags.single_point",
     "Kwetsbaar — elke weg loopt via één actor of één band:", "Fragile — every way runs through one actor or one tie:"},
    {"nest.flags.single_partner",
     "Kwetsbaar — slechts één partner in de categorie:", "Fragile — only one partner in the category:"},
    {"nest.flags.stale", "Verouderd — elke afspraak van de cel wacht op haar herziening:",
     "Stale — every agreement of the cell awaits its review:"},
    {"nest.table.changes", "Sinds {0}: {1} cellen gewonnen, {2} verloren", "Since {0}: {1} cells gained, {2} lost"},
    {"partners.title", "Mogelijke partners voor {0}", "Possible partners for {0}"},
    {"partners.no_gaps", "Deze gevangenis mist geen enkele categorie; kies er een met --category.",
     "This prison misses no category; choose one with --category."},
    {"partners.category", "{0} — straal {1} km", "{0} — radius {1} km"},
    {"partners.no_coordinates", "geen coördinaten", "no coordinates"},
    {"partners.parts", "verbinding {0} · afstand {1} · regio {2} · ervaring {3} · makelaar {4}",
     "connection {0} · distance {1} · region {2} · experience {3} · broker {4}"},
    {"partners.via", "introductie: {0}", "introduction: {0}"},
    {"partners.not_connected", "nog geen verbinding via actieve banden", "no connection through active ties yet"},
    {"partners.none_in_radius", "geen kandidaten binnen de straal (een grotere: --radius KM)",
     "no candidates within the radius (a larger one: --radius KM)"},
    {"partners.candidate", "Kandidaat", "Candidate"},
    {"partners.distance", "Afstand", "Distance"},
    {"partners.introduction", "Introductie via", "Introduction through"},
    {"partners.legend",
     "Score (max. 9) = verbinding (3 / stappen vanaf de gevangenis) + afstand (2 × (1 − km / straal)) + regio (0,5 "
     "per gedeelde provincie, eerstelijnszone, gerechtelijk arrondissement) + ervaring (0,5 per andere gevangenis "
     "met een afspraak, max. 3) + makelaar (aandeel van de andere sectoren onder de buren).",
     "Score (max. 9) = connection (3 / steps from the prison) + distance (2 × (1 − km / radius)) + region (0.5 per "
     "shared province, eerstelijnszone, judicial district) + experience (0.5 per other prison with an agreement, "
     "max. 3) + broker (share of the other sectors among its neighbours)."},
    {"report.title", "Nestrapport — {0}", "Nest report — {0}"},
    {"report.subtitle", "Stand op {0}; nestsjabloon: {1}. Gemaakt met Nestmap.",
     "As of {0}; nest template: {1}. Made with Nestmap."},
    {"report.intro",
     "Dit rapport toont per gevangenis welke soorten hulp voor kinderen van gedetineerde ouders binnen bereik zijn "
     "(de ‘nest’), welke ontbreken, waar het netwerk aan één draad hangt, welke afspraken opvolging vragen en wie "
     "een gat zou kunnen dichten.",
     "This report shows, per prison, which kinds of help for children of detained parents are within reach (the "
     "‘nest’), which are missing, where the network hangs by one thread, which agreements need follow-up and who "
     "could close a gap."},
    {"report.summary", "Samenvatting", "Summary"},
    {"report.summary.cells", "{0} gevangenissen × {1} categorieën: {2} geformaliseerd, {3} informeel, {4} ontbrekend.",
     "{0} prisons × {1} categories: {2} formalised, {3} informal, {4} missing."},
    {"report.summary.flags", "{0} cellen zijn kwetsbaar, {1} verouderd.", "{0} cells are fragile, {1} stale."},
    {"report.summary.score", "Gemiddelde dekkingsscore: {0} %.", "Average coverage score: {0} %."},
    {"report.summary.agreements", "{0} afspraken wachten op een herziening, {1} zijn gestokt.",
     "{0} agreements await a review, {1} have stalled."},
    {"report.matrix", "Dekkingsmatrix", "Coverage matrix"},
    {"report.changes", "Wat veranderde sinds {0}", "What changed since {0}"},
    {"report.no_changes", "Geen cellen gewonnen of verloren.", "No cells gained or lost."},
    {"report.weakest", "Zwakste nesten", "Weakest nests"},
    {"report.missing", "ontbreekt: {0}", "missing: {0}"},
    {"report.nothing_missing", "geen categorie ontbreekt", "no category missing"},
    {"report.fragile", "Kwetsbare punten", "Fragile points"},
    {"report.none", "Geen.", "None."},
    {"report.follow_up", "Afspraken die opvolging vragen", "Agreements that need follow-up"},
    {"report.overdue", "Herziening verstreken", "Review overdue"},
    {"report.stalled", "Gestokt (minstens 180 dagen geen stap vooruit)",
     "Stalled (no step forward for 180 days or more)"},
    {"report.agreement", "Afspraak", "Agreement"},
    {"report.status", "Status", "Status"},
    {"report.review", "Herziening", "Review"},
    {"report.unchanged", "Onveranderd", "Unchanged"},
    {"report.owner", "Eigenaar", "Owner"},
    {"report.days_overdue", "{0} ({1} dagen te laat)", "{0} ({1} days late)"},
    {"report.days", "{0} dagen", "{0} days"},
    {"report.sectors", "Sectoren zonder band", "Sectors without a tie"},
    {"report.sectors_intro",
     "Per provincie met een gevangenis: de paren sectoren die er allebei actoren hebben maar geen enkele actieve band.",
     "Per province with a prison: the pairs of sectors that both have actors there but not a single active tie."},
    {"report.all_sectors_tied", "elke sector heeft een band met elke andere",
     "every sector has a tie with every other"},
    {"report.sector_pairs",
     "{0} van de {1} paren sectoren zonder enige band:", "{0} of the {1} pairs of sectors without any tie:"},
    {"report.no_tie_with", "geen band met {0}", "no tie with {0}"},
    {"province.ant", "provincie Antwerpen", "province of Antwerp"},
    {"province.lim", "provincie Limburg", "province of Limburg"},
    {"province.ovl", "provincie Oost-Vlaanderen", "province of East Flanders"},
    {"province.wvl", "provincie West-Vlaanderen", "province of West Flanders"},
    {"province.vbr", "provincie Vlaams-Brabant", "province of Flemish Brabant"},
    {"province.bru", "Brussels Hoofdstedelijk Gewest", "Brussels-Capital Region"},
    {"report.partners", "Partnersuggesties per gat", "Partner suggestions per gap"},
    {"report.partners_intro",
     "Voor elke ontbrekende categorie de best passende organisaties binnen de straal van de categorie, met wie hen "
     "kan voorstellen. De score (max. 9) telt verbinding, afstand, regio, ervaring met andere gevangenissen en "
     "makelaarswaarde.",
     "For every missing category the best-fitting organisations within the category's radius, with who can "
     "introduce them. The score (max. 9) adds connection, distance, region, experience with other prisons and "
     "broker value."},
    {"report.candidate_score", "score {0}", "score {0}"},
    {"report.km", "{0} km", "{0} km"},
    {"report.no_coordinates", "zonder coördinaten", "without coordinates"},
    {"report.introduction", "introductie: {0}", "introduction: {0}"},
    {"report.not_connected", "nog geen verbinding", "not connected yet"},
    {"report.no_candidates", "geen kandidaten binnen {0} km", "no candidates within {0} km"},
    {"report.footer",
     "De kaart bevat enkel organisaties en professionele contacten, geen gegevens over gedetineerden of kinderen.",
     "The map holds organisations and professional contacts only, no data about detainees or children."},
    {"report.cannot_write", "het rapport kon niet volledig geschreven worden",
     "the report could not be written in full"},
    {"report.written", "Rapport geschreven: {0}", "Report written: {0}"},
    // [SECTION] layouts
    {"cli.cmd.layout", "Bereken een indeling en schrijf ze in een weergave (één stap, ongedaan te maken)",
     "Compute a layout and write it into a view (one step, undoable)"},
    {"cli.opt.algo",
     "fa2 (krachten, ForceAtlas2), nest (één gevangenis en haar nest), sectors (cirkel per sector), geo (kaart), "
     "grid (macht/belang)",
     "fa2 (forces, ForceAtlas2), nest (one prison and its nest), sectors (circle by sector), geo (map), grid "
     "(power/interest)"},
    {"cli.opt.layout_prison", "De gevangenis in het midden van de nestweergave",
     "The prison in the centre of the nest view"},
    {"cli.opt.iterations", "Aantal iteraties (zonder: tot de indeling stilvalt)",
     "Number of iterations (without: until the layout settles)"},
    {"cli.opt.layout_seed", "Startwaarde van het toeval: dezelfde geeft dezelfde indeling",
     "Random seed: the same one gives the same layout"},
    {"cli.opt.view", "De weergave om in te schrijven (bestaat ze niet, dan wordt ze gemaakt)",
     "The view to write into (made when it does not exist)"},
    {"layout.needs_prison", "De nestweergave heeft een gevangenis nodig: --prison NAAM.",
     "The nest view needs a prison: --prison NAME."},
    {"layout.nest_view", "Nest {0}", "Nest {0}"},
    {"layout.nest_done", "Nest van {1}: {0} actoren geplaatst, {2} lege plaatsen voor ontbrekende categorieën.",
     "Nest of {1}: {0} actors placed, {2} empty slots for missing categories."},
    {"layout.force_done", "ForceAtlas2: {0} actoren geplaatst na {1} iteraties.",
     "ForceAtlas2: {0} actors placed after {1} iterations."},
    {"layout.sectors_done", "Cirkel per sector: {0} actoren geplaatst.", "Circle by sector: {0} actors placed."},
    {"layout.geo_done", "Kaart: {0} actoren geplaatst, {1} zonder coördinaten (bij hun buren of onder de kaart).",
     "Map: {0} actors placed, {1} without coordinates (beside their neighbours or below the map)."},
    {"layout.grid_done", "Macht/belang-rooster: {0} actoren geplaatst.", "Power/interest grid: {0} actors placed."},
    {"layout.written", "Geschreven in weergave ‘{0}’ ({1} s).", "Written into view ‘{0}’ ({1} s)."},
    // [SECTION] window
    {"gui.no_display", "Er is geen beeldscherm (DISPLAY) om een venster op te openen.",
     "There is no display (DISPLAY) to open a window on."},
    {"gui.no_window", "Het venster kan niet open: OpenGL 3.3 is niet beschikbaar.",
     "The window cannot open: OpenGL 3.3 is not available."},
    {"gui.no_font", "DejaVu Sans niet gevonden (pakket fonts-dejavu-core); letters met accenten ontbreken.",
     "DejaVu Sans not found (package fonts-dejavu-core); accented letters will be missing."},
    {"gui.actor_type", "Type actor", "Actor type"},
    {"gui.no_canvas", "De kaart kan niet getekend worden (OpenGL-shaders): {0}",
     "The map cannot be drawn (OpenGL shaders): {0}"},
    {"canvas.layout_running", "Indeling wordt berekend … (iteratie {0})", "Computing the layout … (iteration {0})"},
    {"canvas.delete_actors", "{0} actoren verwijderen", "Delete {0} actors"},
    {"canvas.tooltip_ties", "{0} banden op de kaart", "{0} ties on the map"},
    {"gui.agreement_status", "Status van afspraken", "Agreement status"},
    {"gui.count", "Aantal", "Count"},
    {"view.overview", "Alliantie-overzicht", "Alliance overview"},
    // [SECTION] scene: the canvas's title and legend (src/scene/scene.cpp)
    {"scene.untitled", "Naamloze kaart", "Untitled map"},
    {"scene.legend.metric", "Meetwaarde", "Metric"},
    {"scene.legend.unknown_type", "onbekend type", "unknown type"},
    {"scene.legend.no_sector", "zonder sector", "no sector"},
    {"scene.legend.community", "Gemeenschap {0}", "Community {0}"},
    {"scene.legend.more_communities", "en {0} andere gemeenschappen (de kleuren herhalen zich)",
     "and {0} more communities (the colours repeat)"},
    {"scene.legend.no_value", "geen waarde", "no value"},
    {"scene.legend.directed", "gericht", "directed"},
    {"scene.legend.planned", "gepland", "planned"},
};

}  // namespace

Language language() { return g_language.load(); }
void setLanguage(Language lang) { g_language.store(lang); }

bool parseLanguage(std::string_view code, Language& out) {
  if (code == "nl" || code.starts_with("nl_") || code.starts_with("nl-")) {
    out = Language::Dutch;
    return true;
  }
  if (code == "en" || code.starts_with("en_") || code.starts_with("en-")) {
    out = Language::English;
    return true;
  }
  return false;
}

std::string tr(std::string_view key) {
  // Built once, on first use (thread-safe): the window asks for texts every frame.
  static const std::unordered_map<std::string_view, const Translation*> index = [] {
    std::unordered_map<std::string_view, const Translation*> map;
    for (const auto& t : kTable) map.emplace(t.key, &t);
    return map;
  }();
  if (auto it = index.find(key); it != index.end())
    return std::string(language() == Language::Dutch ? it->second->nl : it->second->en);
  std::string missing = "[";
  missing.append(key).append("]");  // not "[" + ...: GCC 12 warns falsely (-Wrestrict)
  return missing;
}

std::string trf(std::string_view key, std::initializer_list<std::string_view> args) {
  std::string text = tr(key);
  std::string out;
  out.reserve(text.size() + 32);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{' && i + 2 < text.size() && text[i + 2] == '}' && text[i + 1] >= '0' && text[i + 1] <= '9') {
      std::size_t n = static_cast<std::size_t>(text[i + 1] - '0');
      if (n < args.size()) {
        out += *(args.begin() + n);
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

std::span<const Translation> translations() { return kTable; }

std::string formatNumber(double value, int decimals) {
  char buffer[48];
  if (decimals < 0)
    std::snprintf(buffer, sizeof buffer, "%g", value);
  else
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  std::string out = buffer;
  if (language() == Language::Dutch) std::replace(out.begin(), out.end(), '.', ',');
  return out;
}

}  // namespace nestmap
