<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Cabane is written in French; this file only gives French its plural forms (Qt's
     « %n » numerus forms): ntr("%n séance(s) ajoutée(s)", n) in ui/widgets/texts.py.
     Compiled to cabane_fr.qm by the Makefile (pyside6-lrelease). -->
<TS version="2.1" language="fr_FR" sourcelanguage="fr_FR">
<context>
    <name>Cabane</name>
    <message numerus="yes">
        <source>%n action(s)</source>
        <translation>
            <numerusform>%n action</numerusform>
            <numerusform>%n actions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n adulte(s)</source>
        <translation>
            <numerusform>%n adulte</numerusform>
            <numerusform>%n adultes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n enfant(s)</source>
        <translation>
            <numerusform>%n enfant</numerusform>
            <numerusform>%n enfants</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mère(s)</source>
        <translation>
            <numerusform>%n mère</numerusform>
            <numerusform>%n mères</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n père(s)</source>
        <translation>
            <numerusform>%n père</numerusform>
            <numerusform>%n pères</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n autre(s) adulte(s)</source>
        <translation>
            <numerusform>%n autre adulte</numerusform>
            <numerusform>%n autres adultes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n professionnel·le(s)</source>
        <translation>
            <numerusform>%n professionnel·le</numerusform>
            <numerusform>%n professionnel·les</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>dont %n enceinte(s)</source>
        <translation>
            <numerusform>dont %n enceinte</numerusform>
            <numerusform>dont %n enceintes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n femme(s) enceinte(s)</source>
        <translation>
            <numerusform>%n femme enceinte</numerusform>
            <numerusform>%n femmes enceintes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n flyer(s) donné(s)</source>
        <translation>
            <numerusform>%n flyer donné</numerusform>
            <numerusform>%n flyers donnés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conversation(s)</source>
        <translation>
            <numerusform>%n conversation</numerusform>
            <numerusform>%n conversations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n orientation(s)</source>
        <translation>
            <numerusform>%n orientation</numerusform>
            <numerusform>%n orientations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n inscrit(s)</source>
        <translation>
            <numerusform>%n inscrit</numerusform>
            <numerusform>%n inscrits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n séance(s) ajoutée(s)</source>
        <translation>
            <numerusform>%n séance ajoutée</numerusform>
            <numerusform>%n séances ajoutées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n fichier(s) accepté(s)</source>
        <translation>
            <numerusform>%n fichier accepté</numerusform>
            <numerusform>%n fichiers acceptés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n refusé(s)</source>
        <translation>
            <numerusform>%n refusé</numerusform>
            <numerusform>%n refusés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n semaine(s) de cabane importée(s)</source>
        <translation>
            <numerusform>%n semaine de cabane importée</numerusform>
            <numerusform>%n semaines de cabane importées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>pour %n cabane(s).</source>
        <translation>
            <numerusform>pour %n cabane.</numerusform>
            <numerusform>pour %n cabanes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clé(s) ajoutée(s) et enregistrée(s).</source>
        <translation>
            <numerusform>%n clé ajoutée et enregistrée.</numerusform>
            <numerusform>%n clés ajoutées et enregistrées.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>➜ %n orientation(s)</source>
        <translation>
            <numerusform>➜ %n orientation</numerusform>
            <numerusform>➜ %n orientations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n passage(s)</source>
        <translation>
            <numerusform>%n passage</numerusform>
            <numerusform>%n passages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n fiche(s) de réponses</source>
        <translation>
            <numerusform>%n fiche de réponses</numerusform>
            <numerusform>%n fiches de réponses</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n réponse(s)</source>
        <translation>
            <numerusform>%n réponse</numerusform>
            <numerusform>%n réponses</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n fiche(s) enregistrée(s)</source>
        <translation>
            <numerusform>%n fiche enregistrée</numerusform>
            <numerusform>%n fiches enregistrées</numerusform>
        </translation>
    </message>
</context>
</TS>
