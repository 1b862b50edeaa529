"""The benchmark's questions: about 150 distinct ones, as the three personas ask them.

Officers ask for definitions ("what is gender mainstreaming"), trainers cite resolutions
and paragraphs ("1325 op 8"), researchers ask about topics in a few words. The first
lists are written by hand; the rest are composed from a small vocabulary in a fixed
order (no randomness), so every run asks the same questions in the same order.
"""

from __future__ import annotations

import re

OFFICER = (
    "what is gender",
    "what is gender mainstreaming",
    "what is a gender perspective",
    "define gender equality",
    "what does gender equity mean",
    "what is sexual and gender-based violence",
    "what is conflict-related sexual violence",
    "meaning of SGBV",
    "what is CRSV",
    "what is unconscious bias",
    "define sexual exploitation and abuse",
    "what is a gender focal point",
    "what is a national action plan",
    "what does NAP stand for",
    "what is gender balance",
    "what is gender analysis",
    "define gender identity",
    "what is sex-disaggregated data",
    "what does LGBTQ mean",
    "who are internally displaced persons",
    "what is a formed police unit",
    "what is UNPOL",
    "what is the role of a gender adviser",
    "what is human trafficking",
    "what is a protection of civilians site",
    "how do I report sexual misconduct",
    "how should body searches of women be conducted",
    "how do I interview a survivor of sexual violence",
    "what should I do before deployment",
    "how to counter unconscious bias",
    "what is inclusive leadership",
    "what is resistance to gender work",
    "what are the 3 Ps",
    "what is the Women Peace and Security agenda",
    "what is the Global Effort campaign",
)

TRAINER = (
    "1325 op 8",
    "1325 op 1",
    "1325 operative paragraph 10",
    "resolution 1325 key provisions",
    "resolution 1820 sexual violence as a tactic of war",
    "1820 op 3",
    "resolution 1888 special representative",
    "resolution 1889 indicators",
    "1960 monitoring analysis and reporting arrangements",
    "2106 accountability perpetrators",
    "2122 persistent gaps",
    "2242 countering violent extremism",
    "2467 survivor-centred approach",
    "2493 full implementation",
    "S/RES/1325 (2000)",
    "Security Council resolution adopted in October 2000",
    "CEDAW article 5",
    "Beijing Platform for Action critical areas of concern",
    "Rome Statute crimes against humanity rape",
    "UN Charter equal rights of men and women",
    "quick checklist gender adviser",
    "quick checklist training adviser",
    "quick checklist community policing adviser",
    "quick checklist human resources adviser",
    "SGBV adviser checklist",
    "training facilities separate washrooms",
    "female officers on patrols",
    "mentoring programmes for national police",
    "recruitment process gender sensitive",
    "gender training for UNPOL officers",
    "HIV/AIDS awareness training",
    "civilian and humanitarian character of refugee camps",
    "sanctions regimes sexual violence",
    "appoint more women as special representatives",
    "pre-deployment training gender",
)

RESEARCHER = (
    "women's participation in peace agreements lasting",
    "female police and reporting rates of sexual assault",
    "security of women indicator of peacefulness",
    "women judges front line justice",
    "Global Study 2015 findings",
    "Canada national action plan commitments",
    "Feminist International Assistance Policy",
    "Elsie Initiative",
    "women in peacekeeping operations proportion",
    "female police officers 20 percent target",
    "International Network of Female Police Peacekeepers",
    "International Association of Women Police",
    "Haiti National Police good practices",
    "Iraq gender focal point network",
    "Timor-Leste vulnerable persons unit",
    "Liberia all-female formed police unit",
    "Afghan women threats harassment public life",
    "Rwandan genocide rape estimates",
    "Democratic Republic of the Congo sexual violence",
    "Sierra Leone civil war",
    "former Yugoslavia rape",
    "engaging men and boys in gender equality",
    "costs of inequality to men",
    "masculinities and violence",
    "early and forced marriage",
    "maternal mortality conflict",
    "displaced women refugee camps violence",
    "gender norms harmful",
    "police reform gender-related actions",
    "security sector reform women",
    "gender-responsive policing",
    "community-oriented policing women leaders",
    "women's organizations civil society consultation",
    "childcare police academy",
    "statements showing resistance to gender work",
)

# Composed questions: a form and the words that fill it, expanded in order.
_FORMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("what is {}", ("gender equity", "sexual exploitation", "a gender-sensitive approach", "gender parity",
                    "a survivor-centred approach", "empowerment of women", "sexual harassment",
                    "forced prostitution", "enforced sterilization", "sexual slavery")),
    ("resolution {} overview", ("1325", "1820", "1888", "1889", "1960", "2106", "2122", "2242", "2467", "2493")),
    ("{} and women's participation", ("peace processes", "decision-making", "elections", "mine clearance",
                                      "disarmament demobilization and reintegration", "security governance",
                                      "conflict prevention", "peacebuilding", "reconstruction",
                                      "mediation", "police leadership", "justice sector")),
    ("gender perspective in {}", ("investigations", "patrols", "planning", "reporting", "training curricula",
                                  "recruitment", "mission start-up", "checkpoints", "detention",
                                  "community meetings")),
    ("how to {}", ("engage women leaders", "address resistance to gender equality", "collect sex-disaggregated data",
                   "support survivors of SGBV", "promote gender balance in teams",
                   "prevent sexual exploitation and abuse", "refer survivors to services",
                   "consult women's groups")),
)

def composed() -> list[str]:
    """The vocabulary-composed questions, in a fixed order."""
    return [form.format(word) for form, words in _FORMS for word in words]


def questions() -> list[str]:
    """All distinct questions, hand-written first, in a fixed order."""
    seen: dict[str, None] = {}
    for question in (*OFFICER, *TRAINER, *RESEARCHER, *composed()):
        seen.setdefault(" ".join(question.split()), None)
    return list(seen)


_STOPWORDS = frozenset(
    "a an and are as at be by define do does for from how i in is it mean meaning of on or should stand "
    "the to what who with".split()
)


def fts5_match(question: str) -> str:
    """An FTS5 MATCH expression for ``question``: its content words, quoted, joined by OR.

    Stop words are dropped and every term is a quoted string, so punctuation and FTS5
    operators in the question can never make a syntax error. OR keeps recall comparable
    to a ranked engine; bm25() then orders the rows.
    """
    words = [w for w in re.findall(r"[\w’'/-]+", question.lower()) if w not in _STOPWORDS]
    terms = dict.fromkeys('"' + w.replace('"', '""') + '"' for w in words)
    return " OR ".join(terms) or '"' + question.replace('"', '""') + '"'


if __name__ == "__main__":
    qs = questions()
    print(len(qs), "questions")
    for q in qs:
        print(f"{q:55} {fts5_match(q)}")
