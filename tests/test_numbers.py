"""Tests for the number grammar: a table of news sentences and the quantities they state."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire_cli.extract import numbers
from ceasefire_cli.extract.numbers import find_quantities

NONE: list = []

# Each row: a sentence and the (text, low, high) of every quantity in it, in order.
CASES = [
    # --- digits -------------------------------------------------------------------
    ("Israel has killed 447 Palestinians since the truce.", [("447", 447, 447)]),
    ("The ministry said 1,246 people were wounded.", [("1,246", 1246, 1246)]),
    ("A total of 71,000 people have been killed.", [("71,000", 71000, 71000)]),
    ("There were 0 arrivals at the crossing.", [("0", 0, 0)]),
    ("Aid agencies delivered 2.5 tonnes of flour.", [("2.5", 2.5, 2.5)]),
    ("At 600 trucks a day, the convoy is too small.", [("600", 600, 600)]),
    ("The census listed 12,345,678 residents.", [("12,345,678", 12345678, 12345678)]),
    ("The UN counted 58 deaths, 12 of them children.", [("58", 58, 58), ("12", 12, 12)]),
    ("Of 100 respondents, 45 agreed.", [("100", 100, 100), ("45", 45, 45)]),
    ("The 1,500 trucks that entered were searched.", [("1,500", 1500, 1500)]),
    ("1500 trucks entered in the first week.", [("1500", 1500, 1500)]),
    ("Officials said 600 trucks entered on Sunday.", [("600", 600, 600)]),
    ("Israel has continued to attack, killing 447 Palestinians and wounding 1,246.",
     [("447", 447, 447), ("1,246", 1246, 1246)]),
    ("It released 1,968 prisoners in exchange.", [("1,968", 1968, 1968)]),
    ("Another 3 bodies were recovered.", [("3", 3, 3)]),
    ("The death toll is 69,185, the ministry said.", [("69,185", 69185, 69185)]),
    ("The average household has 6.4 members.", [("6.4", 6.4, 6.4)]),
    ("Some 0.5 percent of aid arrived.", [("Some 0.5 percent", 0, 1.5)]),
    ("Israel says it killed 1,000 militants and 20,000 fighters.",
     [("1,000", 1000, 1000), ("20,000", 20000, 20000)]),
    ("A convoy of 15 trucks entered.", [("15", 15, 15)]),
    ("Gaza has 36 hospitals, of which 18 are partly working.", [("36", 36, 36), ("18", 18, 18)]),
    ("Rescuers pulled 9 people from the rubble.", [("9", 9, 9)]),
    ("(AP) 28 people were killed overnight.", [("28", 28, 28)]),
    ("2,000 people marched in Tel Aviv.", [("2,000", 2000, 2000)]),
    ("2000 people marched in Tel Aviv.", [("2000", 2000, 2000)]),
    ("The army said 2000 Palestinians were detained.", [("2000", 2000, 2000)]),
    # --- thousands separators ------------------------------------------------------
    ("The toll passed 71\u2009000 this week.", [("passed 71\u2009000", 71000, 72000)]),
    ("Some 71\u202f000 people have been killed.", [("Some 71\u202f000", 70000, 72000)]),
    ("Officials counted 1\u00a0246 injured.", [("1\u00a0246", 1246, 1246)]),
    ("The agency registered 1\u2009900\u2009000 displaced people.",
     [("1\u2009900\u2009000", 1900000, 1900000)]),
    ("It distributed 12,000,000 meals.", [("12,000,000", 12000000, 12000000)]),
    ("A count of 3,456.5 tonnes was reported.", [("3,456.5", 3456.5, 3456.5)]),
    # A plain space sets off thousands too (groups of exactly three digits) ...
    ("With plain spaces 71 000 is read as one figure.", [("71 000", 71000, 71000)]),
    ("About 1 350 people were killed.", [("About 1 350", 1340, 1360)]),
    ("The toll reached 1 250 000 displaced.", [("1 250 000", 1250000, 1250000)]),
    # ... but not a group of four, nor a year before a figure.
    ("Call 2794 5555 for details.", NONE),
    ("fifty - two were killed", [("fifty - two", 52, 52)]),
    ("A list 1,2,3 is not a figure.", NONE),
    ("The value 1,23 is malformed.", NONE),
    # --- scale words and abbreviations --------------------------------------------------
    ("About 1.9 million people were displaced.", [("About 1.9 million", 1800000, 2000000)]),
    ("Nearly 2m people live in Gaza.", [("Nearly 2m", 1800000, 2000000)]),
    ("The fund holds 71.5 thousand dollars.", [("71.5 thousand", 71500, 71500)]),
    ("Donors pledged $1.2bn for reconstruction.", [("$1.2bn", 1.2e9, 1.2e9)]),
    ("Donors pledged 1.2 billion dollars.", [("1.2 billion", 1.2e9, 1.2e9)]),
    ("A 10k run raised money for Gaza.", [("10k", 10000, 10000)]),
    ("The US gave $3 million in aid.", [("$3 million", 3e6, 3e6)]),
    ("Britain pledged £20m to UNRWA.", [("£20m", 2e7, 2e7)]),
    ("The EU promised €1.5 billion.", [("€1.5 billion", 1.5e9, 1.5e9)]),
    ("The damage is put at 3 hundred and 21 homes.", [("3 hundred and 21", 321, 321)]),
    ("Reconstruction will cost 53 bn dollars.", [("53 bn", 5.3e10, 5.3e10)]),
    ("The aid package is worth US$50 million.", [("$50 million", 5e7, 5e7)]),
    ("The army called up 5 thousand reservists.", [("5 thousand", 5000, 5000)]),
    ("Some 10K people attended.", [("Some 10K", 9000, 11000)]),
    ("Egypt will host 4 dozen delegates.", [("4 dozen", 48, 48)]),
    ("The rubble weighs 61 million tonnes.", [("61 million", 61e6, 61e6)]),
    ("Israel approved 2.5 million tonnes of imports.", [("2.5 million", 2.5e6, 2.5e6)]),
    ("The plan costs $53bn over ten years.", [("$53bn", 5.3e10, 5.3e10), ("ten", 10, 10)]),
    ("Qatar pays 30mn a month in salaries.", [("30mn", 3e7, 3e7)]),
    ("A budget of 2 million 300 people is odd.", [("2 million", 2e6, 2e6), ("300", 300, 300)]),
    ("He ran a 5 km race and a 10km race.", [("5", 5, 5)]),
    # --- number words ------------------------------------------------------------------
    ("Five senior Hamas members were killed.", [("Five", 5, 5)]),
    ("Two officials from Hamas spoke on Friday.", [("Two", 2, 2)]),
    ("The bodies of four other captives were returned.", [("four", 4, 4)]),
    ("Twenty-one people were killed.", [("Twenty-one", 21, 21)]),
    ("twenty one people were killed", [("twenty one", 21, 21)]),
    ("Israel released four hundred forty-seven prisoners.",
     [("four hundred forty-seven", 447, 447)]),
    ("Hamas freed two hundred and fifty-one hostages.", [("two hundred and fifty-one", 251, 251)]),
    ("The war killed seventy-one thousand people.", [("seventy-one thousand", 71000, 71000)]),
    ("A dozen trucks crossed.", [("A dozen", 12, 12)]),
    ("Three dozen tents were set up.", [("Three dozen", 36, 36)]),
    ("A hundred families fled.", [("A hundred", 100, 100)]),
    ("a thousand people gathered", [("a thousand", 1000, 1000)]),
    ("Half a million people face famine.", [("Half a million", 500000, 500000)]),
    ("Half a dozen soldiers were hurt.", [("Half a dozen", 6, 6)]),
    ("One hundred and one days passed.", [("One hundred and one", 101, 101)]),
    ("one thousand two hundred homes", [("one thousand two hundred", 1200, 1200)]),
    ("Nineteen journalists were killed.", [("Nineteen", 19, 19)]),
    ("TWELVE KILLED IN STRIKE", [("TWELVE", 12, 12)]),
    ("Eleven bodies were found.", [("Eleven", 11, 11)]),
    ("ninety-nine tents", [("ninety-nine", 99, 99)]),
    ("fifteen hundred families", [("fifteen hundred", 1500, 1500)]),
    ("twenty-five hundred families", [("twenty-five hundred", 2500, 2500)]),
    ("a hundred thousand people", [("a hundred thousand", 100000, 100000)]),
    ("one million people", [("one million", 1e6, 1e6)]),
    ("two million three hundred thousand people", [("two million three hundred thousand", 2.3e6, 2.3e6)]),
    ("seven children died", [("seven", 7, 7)]),
    ("the ten hostages", [("ten", 10, 10)]),
    ("a quarter of a million people", [("a quarter of a million", 250000, 250000)]),
    ("an hundred men", [("an hundred", 100, 100)]),
    ("seventy-one thousand two hundred forty-seven dead",
     [("seventy-one thousand two hundred forty-seven", 71247, 71247)]),
    ("a million people marched", [("a million", 1e6, 1e6)]),
    ("a billion dollars", [("a billion", 1e9, 1e9)]),
    ("sixty buildings collapsed", [("sixty", 60, 60)]),
    ("Thirteen trucks, fourteen tents and eighteen doctors",
     [("Thirteen", 13, 13), ("fourteen", 14, 14), ("eighteen", 18, 18)]),
    ("eight killed and nine injured", [("eight", 8, 8), ("nine", 9, 9)]),
    ("Six hostages and seventeen prisoners", [("Six", 6, 6), ("seventeen", 17, 17)]),
    ("forty, fifty, sixty", [("forty", 40, 40), ("fifty", 50, 50), ("sixty", 60, 60)]),
    ("eighty-eight trucks", [("eighty-eight", 88, 88)]),
    ("thirty-three thousand", [("thirty-three thousand", 33000, 33000)]),
    ("one and a half million people", [("one and a half million", 1.5e6, 1.5e6)]),
    ("two and a half thousand tents", [("two and a half thousand", 2500, 2500)]),
    ("NIS 5 million in damages", [("5 million", 5e6, 5e6)]),
    ("Israel killed a local Hamas commander.", NONE),
    ("One official told AFP the talks went well.", NONE),
    ("Someone said it was often done.", NONE),
    ("The freight weight and height were listed.", NONE),
    ("the twenty-first century", NONE),
    ("a fourth victim was found", NONE),
    ("a two-state solution", NONE),
    ("one of the mediators", NONE),
    ("no one was hurt", NONE),
    ("The Hundred Years' War ended.", NONE),
    ("He was the tenth speaker and the seventh.", NONE),
    ("a thousandth time", NONE),
    ("Canine units and phones were seized.", NONE),
    ("attention, written, threatened", NONE),
    # --- hedges: above ---------------------------------------------------------------
    ("The army has killed more than 71,000 people.", [("more than 71,000", 71000, 72000)]),
    ("Strikes killed over 340 Palestinians.", [("over 340", 340, 350)]),
    ("Temperatures rose above 500 points.", [("above 500", 500, 600)]),
    ("Upwards of 2,000 people fled.", [("Upwards of 2,000", 2000, 3000)]),
    ("Losses in excess of 10,000 were reported.", [("in excess of 10,000", 10000, 20000)]),
    ("Damage north of 1,000 homes.", [("north of 1,000", 1000, 2000)]),
    ("a toll exceeding 300", [("exceeding 300", 300, 400)]),
    ("Gaza death toll tops 10,000", [("tops 10,000", 10000, 20000)]),
    ("The toll topped 50,000 in June.", [("topped 50,000", 50000, 60000)]),
    ("Death toll surpasses 45,000", [("surpasses 45,000", 45000, 46000)]),
    ("The toll surpassed 70,000 this week.", [("surpassed 70,000", 70000, 80000)]),
    ("The count passed 1,000.", [("passed 1,000", 1000, 2000)]),
    ("The toll exceeds 60,000.", [("exceeds 60,000", 60000, 70000)]),
    ("It exceeded 447 by noon.", [("exceeded 447", 447, 448)]),
    ("more than a dozen people", [("more than a dozen", 12, 13)]),
    ("just over 2.5 million", [("just over 2.5 million", 2.5e6, 2.6e6)]),
    ("Hamas handed over 17 captives", [("17", 17, 17)]),
    ("The group hands over four bodies", [("four", 4, 4)]),
    ("Fighters took over 240 hostages", [("over 240", 240, 250)]),
    ("well over 100 trucks", [("well over 100", 100, 200)]),
    ("more than half a million", [("more than half a million", 500000, 600000)]),
    ("more than one person", [("more than one", 1, 2)]),
    ("Moreover, 5 people died.", [("5", 5, 5)]),
    ("more than 2000", [("more than 2000", 2000, 3000)]),
    ("More than 1,200 Israelis were killed.", [("More than 1,200", 1200, 1300)]),
    ("over a million people", [("over a million", 1e6, 2e6)]),
    ("More than 70 per cent of buildings", [("More than 70 per cent", 70, 80)]),
    ("more than seventy thousand", [("more than seventy thousand", 70000, 80000)]),
    # --- hedges: at least ------------------------------------------------------------
    ("At least 20 people were killed.", [("At least 20", 20, None)]),
    ("no fewer than 30 strikes", [("no fewer than 30", 30, None)]),
    ("no less than 15 homes", [("no less than 15", 15, None)]),
    ("a minimum of 600 trucks a day", [("a minimum of 600", 600, None)]),
    ("20+ Palestinians killed by Israeli airstrikes?", [("20+", 20, None)]),
    ("50 or more families", [("50 or more", 50, None)]),
    ("at least one child died", [("at least one", 1, None)]),
    ("not less than 100 tonnes", [("not less than 100", 100, None)]),
    ("20-plus strikes", [("20-plus", 20, None)]),
    ("70,000-plus dead", [("70,000-plus", 70000, None)]),
    ("at least five people", [("at least five", 5, None)]),
    ("2000+ people were evacuated", [("2000+", 2000, None)]),
    ("at least 1,000", [("at least 1,000", 1000, None)]),
    # --- hedges: below -----------------------------------------------------------------
    ("citing nearly 500 violations", [("nearly 500", 450, 500)]),
    ("almost 70,000 killed", [("almost 70,000", 63000, 70000)]),
    ("close to 2 million people", [("close to 2 million", 1.8e6, 2e6)]),
    ("just under 1,000 trucks", [("just under 1,000", 900, 1000)]),
    ("Death toll nears 45,000", [("nears 45,000", 44000, 45000)]),
    ("a toll approaching 100", [("approaching 100", 90, 100)]),
    ("just shy of 300", [("just shy of 300", 270, 300)]),
    ("nearly a hundred", [("nearly a hundred", 90, 100)]),
    ("Nearly 1,900 were hurt.", [("Nearly 1,900", 1800, 1900)]),
    ("almost two million people", [("almost two million", 1.8e6, 2e6)]),
    ("nearly 90% of homes", [("nearly 90%", 81, 90)]),
    # --- hedges: about ---------------------------------------------------------------
    ("about 600 trucks", [("about 600", 540, 660)]),
    ("around 1,500 homes", [("around 1,500", 1400, 1600)]),
    ("roughly 2,000", [("roughly 2,000", 1800, 2200)]),
    ("some 20 families", [("some 20", 18, 22)]),
    ("approximately 40 doctors", [("approximately 40", 36, 44)]),
    ("an estimated 70,000 people", [("an estimated 70,000", 63000, 77000)]),
    ("estimated 1.9 million displaced", [("estimated 1.9 million", 1.8e6, 2.0e6)]),
    ("circa 300 families", [("circa 300", 270, 330)]),
    ("approx. 250 tents", [("approx. 250", 240, 260)]),
    ("~70,000 dead", [("~70,000", 63000, 77000)]),
    ("20 or so tents", [("20 or so", 18, 22)]),
    ("20-odd tents", [("20-odd", 18, 22)]),
    ("a dozen or so", [("a dozen or so", 11, 13)]),
    ("about 447 people", [("about 447", 446, 448)]),
    ("about 2.5% of land", [("about 2.5%", 1.5, 3.5)]),
    ("Around 340 killed", [("Around 340", 330, 350)]),
    ("roughly a dozen", [("roughly a dozen", 11, 13)]),
    ("an estimated 1,000,000", [("an estimated 1,000,000", 900000, 1100000)]),
    ("some 3.75 million tonnes", [("some 3.75 million", 3740000, 3760000)]),
    ("Awesome 20 people", [("20", 20, 20)]),
    # --- hedges: at most -------------------------------------------------------------
    ("up to 600 trucks", [("up to 600", None, 600)]),
    ("as many as 1,000 people", [("as many as 1,000", None, 1000)]),
    ("fewer than 50 trucks", [("fewer than 50", None, 50)]),
    ("less than 10% of aid", [("less than 10%", None, 10)]),
    ("children under 18", [("under 18", None, 18)]),
    ("no more than 200 people", [("no more than 200", None, 200)]),
    ("at most 5 crossings", [("at most 5", None, 5)]),
    ("a maximum of 300 patients", [("a maximum of 300", None, 300)]),
    ("Up to two million people", [("Up to two million", None, 2e6)]),
    ("well under 100", [("well under 100", None, 100)]),
    # --- exact verbs (the verb is not part of the text) ----------------------------------
    ("Gaza death toll rises to 71,000", [("71,000", 71000, 71000)]),
    ("The toll climbs to 45,000.", [("45,000", 45000, 45000)]),
    ("Toll soars to 70,100", [("70,100", 70100, 70100)]),
    ("The toll reaches 70,000.", [("70,000", 70000, 70000)]),
    ("Death toll hits 1,000", [("1,000", 1000, 1000)]),
    ("The toll rose to 447.", [("447", 447, 447)]),
    ("It reached 2 million.", [("2 million", 2e6, 2e6)]),
    ("The toll stands at 69,000.", [("69,000", 69000, 69000)]),
    ("Casualties number 70,000.", [("70,000", 70000, 70000)]),
    # --- ranges ------------------------------------------------------------------------
    ("reporting at least 20 to 21 Palestinians killed",
     [("at least 20 to 21", 20, 21)]),
    ("20 to 21 Palestinians were killed", [("20 to 21", 20, 21)]),
    ("between 150 and 200 trucks", [("between 150 and 200", 150, 200)]),
    ("150-200 trucks", [("150-200", 150, 200)]),
    ("150–200 trucks", [("150–200", 150, 200)]),
    ("150 – 200 trucks", [("150 – 200", 150, 200)]),
    ("20 or 21 dead", [("20 or 21", 20, 21)]),
    ("from 150 to 200 trucks a day", [("from 150 to 200", 150, 200)]),
    ("The toll rose from 150 to 200.", [("150", 150, 150), ("200", 200, 200)]),
    ("The count fell from 200 to 150.", [("200", 200, 200), ("150", 150, 150)]),
    ("one or two hostages", [("one or two", 1, 2)]),
    ("two to three hundred people", [("two to three hundred", 200, 300)]),
    ("1.5 to 2 million people", [("1.5 to 2 million", 1.5e6, 2e6)]),
    ("between five and seven hundred", [("between five and seven hundred", 500, 700)]),
    ("between two hundred and three hundred", [("between two hundred and three hundred", 200, 300)]),
    ("20 to 30 percent of aid", [("20 to 30 percent", 20, 30)]),
    ("5-10% of homes", [("5-10%", 5, 10)]),
    ("10% to 15% of land", [("10% to 15%", 10, 15)]),
    ("between 1,000 and 1,500", [("between 1,000 and 1,500", 1000, 1500)]),
    ("some 20 to 30 people", [("some 20 to 30", 20, 30)]),
    ("The council voted 14 to 1.", [("14", 14, 14), ("1", 1, 1)]),
    ("$1 million to $2 million", [("$1 million to $2 million", 1e6, 2e6)]),
    ("five to seven people", [("five to seven", 5, 7)]),
    ("two or three days", [("two or three", 2, 3)]),
    ("10-12 trucks", [("10-12", 10, 12)]),
    ("1,200-1,500 people", [("1,200-1,500", 1200, 1500)]),
    ("between 20 and Friday", [("20", 20, 20)]),
    ("20 and 21 people", [("20", 20, 20), ("21", 21, 21)]),
    ("up to 20 to 30 people", [("up to 20 to 30", 20, 30)]),
    ("the 5-2 vote", NONE),
    ("a 3-1 win", NONE),
    ("50-50 split", NONE),
    # --- vague quantities ----------------------------------------------------------------
    ("dozens of people were hurt", [("dozens", 24, 99)]),
    ("hundreds were killed", [("hundreds", 200, 999)]),
    ("thousands of trucks", [("thousands", 2000, 9999)]),
    ("tens of thousands of people", [("tens of thousands", 20000, 99999)]),
    ("hundreds of thousands of people", [("hundreds of thousands", 200000, 999999)]),
    ("Tens of thousands marched.", [("Tens of thousands", 20000, 99999)]),
    ("a few dozen tents", [("a few dozen", 24, 99)]),
    ("millions of dollars", [("millions", 2e6, 9.99e6)]),
    ("scores of civilians", [("scores", 40, 199)]),
    ("They live on Thousands Street.", NONE),
    ("Test scores rose.", NONE),
    ("He underscores the point.", NONE),
    ("tens of millions of dollars", [("tens of millions", 2e7, 9.99e7)]),
    ("several hundred trucks", [("several hundred", 200, 999)]),
    ("a few thousand people", [("a few thousand", 2000, 9999)]),
    ("Hundreds of Palestinians were detained.", [("Hundreds", 200, 999)]),
    ("The strike, killing dozens.", [("dozens", 24, 99)]),
    ("several dozen tents", [("several dozen", 24, 99)]),
    ("several hundred thousand people", [("several hundred thousand", 200000, 999999)]),
    ("tens of people", [("tens", 20, 99)]),
    ("billions of dollars", [("billions", 2e9, 9.99e9)]),
    ("HUNDREDS FLEE", [("HUNDREDS", 200, 999)]),
    ("Thousands fled south.", [("Thousands", 2000, 9999)]),
    ("many thousands fled", [("thousands", 2000, 9999)]),
    ("the tens digit", NONE),
    # --- percentages -----------------------------------------------------------------------
    ("70% of homes were destroyed", [("70%", 70, 70)]),
    ("70 per cent of homes", [("70 per cent", 70, 70)]),
    ("70 percent of homes", [("70 percent", 70, 70)]),
    ("seventy percent of homes", [("seventy percent", 70, 70)]),
    ("2.5% of land", [("2.5%", 2.5, 2.5)]),
    ("up to 40 per cent", [("up to 40 per cent", None, 40)]),
    ("a 5 percentage point drop", [("5 percentage point", 5, 5)]),
    ("100% of people", [("100%", 100, 100)]),
    ("a 50% increase", [("50%", 50, 50)]),
    ("70 pct of roads", [("70 pct", 70, 70)]),
    ("92 % of schools", [("92 %", 92, 92)]),
    ("Ninety percent of Gazans", [("Ninety percent", 90, 90)]),
    ("over 80 percent", [("over 80 percent", 80, 90)]),
    # --- non-quantities: identifiers and labels ----------------------------------------------
    ("UN Security Council Resolution 2803 was adopted.", NONE),
    ("under resolution 2803", NONE),
    ("Route 60 was closed.", NONE),
    ("UNSCR 2720 calls for aid.", NONE),
    ("Call +20 2 2794 5555 for details.", NONE),
    ("Call 555-1234 now.", NONE),
    ("SCP-173 is fiction.", NONE),
    ("COVID-19 cases rose.", NONE),
    ("an F-16 strike", NONE),
    ("an Airbus A320 landed", NONE),
    ("Article 51 of the UN Charter", NONE),
    ("Section 8 of the law", NONE),
    ("Hostage No. 5 was freed.", NONE),
    ("item #4 on the list", NONE),
    ("Phase 2 of the deal", NONE),
    ("Chapter 11 bankruptcy", NONE),
    ("Gate 4 of the crossing", NONE),
    ("Channel 12 reported the talks.", NONE),
    ("Unit 8200 intercepted calls.", NONE),
    ("document S/RES/2803", NONE),
    ("covid19 vaccines", NONE),
    ("version 2.5.1 of the app", NONE),
    ("Kan 11 said", NONE),
    ("see page 5", NONE),
    ("see p. 12", NONE),
    ("verse 3 reads", NONE),
    ("John 3:16 says", NONE),
    ("Highway 4 was bombed", NONE),
    ("Phase Two talks", NONE),
    ("Flight 370 vanished.", NONE),
    ("He read paragraph 4 and Annex 2.", NONE),
    ("An IPC Phase 5 famine", NONE),
    ("a G20 summit and a P5 meeting", NONE),
    ("Articles 6 and Rule 7", NONE),
    ("a 4G network and 5G phones", NONE),
    ("Day 400 of the war", NONE),
    ("a Level 4 advisory", NONE),
    ("the Mi-17 helicopter", NONE),
    ("call 1-800-555-1234 today", NONE),
    ("tel. 2794 5555", NONE),
    ("the Top 10 list", NONE),
    # --- non-quantities: ordinals -----------------------------------------------------------
    ("the second phase of the ceasefire", NONE),
    ("Discussions expected to focus on 2nd phase", NONE),
    ("the 21st century", NONE),
    ("adopted on November 17th.", NONE),
    ("the 3rd round of talks", NONE),
    ("his 100th day", NONE),
    # --- non-quantities: years, dates, times --------------------------------------------------
    ("in 2024, talks resumed", NONE),
    ("an offensive since October 2023 that left Gaza in ruins", NONE),
    ("Hamas's October 7 attack on Israel", NONE),
    ("Despite a ceasefire that began Oct. 10, Israel continued.", NONE),
    ("on Sunday, 23 November 2025, for talks", NONE),
    ("the 2025-11-23 report", NONE),
    ("dated 11/23/2025", NONE),
    ("the 2014 war", NONE),
    ("On 7 October the attack began.", NONE),
    ("Sunday, November 23, 2025, for crucial talks", NONE),
    ("through the end of 2027", NONE),
    ("from 2014 to 2016", NONE),
    ("between 2014 and 2016", NONE),
    ("the 2014-2016 period", NONE),
    ("the 2023-24 season", NONE),
    ("the 1990s", NONE),
    ("the 7th of October", NONE),
    ("on March 2 and May 15", NONE),
    ("on 10 Oct. the truce began", NONE),
    ("in JANUARY 5 people", NONE),
    ("1948 refugees and their descendants", NONE),
    ("at 10:30 the talks began", NONE),
    ("at 3 p.m. local time", NONE),
    ("at 9am on Friday", NONE),
    ("at 5 o'clock", NONE),
    ("at 1500 GMT", NONE),
    ("at 0800 local time", NONE),
    ("at 17:00 on Sunday", NONE),
    ("at 11 PM", NONE),
    ("in 2000 the talks failed", NONE),
    ("since 1967", NONE),
    # --- non-quantities: compound labels and ages ------------------------------------------
    ("Trump announced a 20-point plan in September", NONE),
    ("a 3-year-old girl", NONE),
    ("the 12-member council", NONE),
    ("a three-day truce", NONE),
    ("a 40-day pause", NONE),
    ("Aidan Alexander (21 years old) was freed.", NONE),
    ("aged 21, he was a student", NONE),
    ("Aidan Alexander (21) was freed.", NONE),
    ("a 5-year-old boy", NONE),
    ("the girl, 7 years old, survived", NONE),
    ("ages 5 to 12", NONE),
    ("one-third of homes", NONE),
    ("two-thirds of homes", NONE),
    # --- non-quantities: comment widgets ---------------------------------------------------
    ("5 Comments", NONE),
    ("12 comments", NONE),
    ("3 replies", NONE),
    ("4 shares", NONE),
    ("10 likes", NONE),
    ("1 comment", NONE),
    ("aged between 18 and 25", NONE),
    ("on 7 and 8 October", NONE),
    ("Egypt hosted talks on Nov. 10-12.", NONE),
    ("the 10-12 Oct. talks", NONE),
    ("The 7 October attack", NONE),
    ("https://example.com/2025/11/23/gaza-ceasefire-12345", NONE),
    ("Resolution 2334 (2016) demands a halt.", NONE),
    ("Call (02) 2794 5555.", NONE),
    ("the 2,000-pound bombs", NONE),
    ("a 1.5 million-strong population", NONE),
    ("Israel's 162nd Division", NONE),
    ("Day 1 of the truce", NONE),
    ("100s of people", NONE),
    # --- durations and mixed sentences stay counts -------------------------------------------
    ("Israel struck 15 targets over 24 hours.", [("15", 15, 15), ("24", 24, 24)]),
    ("It has lasted over 2 years.", [("2", 2, 2)]),
    ("In 1948 750,000 Palestinians were expelled.", [("750,000", 750000, 750000)]),
    ("In 1948, 750,000 Palestinians were expelled.", [("750,000", 750000, 750000)]),
    ("the 1,500 km border", [("1,500", 1500, 1500)]),
    ("Killed: 447. Wounded: 1,246.", [("447", 447, 447), ("1,246", 1246, 1246)]),
    ("the toll, 447, rose", [("447", 447, 447)]),
    ("one in three children", [("three", 3, 3)]),
    ("after 15 months of war", [("15", 15, 15)]),
    ("two years of war", [("two", 2, 2)]),
    ("within 72 hours", [("72", 72, 72)]),
    ("a 20-point plan, 5 Comments and 7 hostages", [("7", 7, 7)]),
    ("In 2024 1,500 trucks entered.", [("1,500", 1500, 1500)]),
    ("The Gaza Health Ministry said 32 people were killed on October 28, including 12 children.",
     [("32", 32, 32), ("12", 12, 12)]),
    ("Resolution 2803 passed 13-0; at least 104 were killed on Oct. 29.",
     [("at least 104", 104, None)]),
    ("Since the Oct. 10 truce, 342 people have been killed and 875 injured.",
     [("342", 342, 342), ("875", 875, 875)]),
    ("Over 69,000 Palestinians killed since October 2023, ministry says",
     [("Over 69,000", 69000, 70000)]),
    ("Israel returned 15 bodies for each of the 28 hostages, or 345 in total.",
     [("15", 15, 15), ("28", 28, 28), ("345", 345, 345)]),
    ("Of the 251 hostages taken, 20 were alive.", [("251", 251, 251), ("20", 20, 20)]),
    ("It says 600 trucks a day, but only 150-200 arrive.",
     [("600", 600, 600), ("150-200", 150, 200)]),
    ("The ministry said 46 people, including 20 children, died.",
     [("46", 46, 46), ("20", 20, 20)]),
    ("Israel says 1,200 people were killed on Oct. 7, 2023.",
     [("1,200", 1200, 1200)]),
    ("More than 90% of Gaza's 2.1 million people are displaced.",
     [("More than 90%", 90, 100), ("2.1 million", 2.1e6, 2.1e6)]),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES)
def test_quantities_in_sentence(sentence: str, expected: list) -> None:
    got = [(q.text, q.low, q.high) for q in find_quantities(sentence)]
    assert got == [(t, lo, hi) for t, lo, hi in expected]


# Hedge name, unit and nominal value, for rows whose interval alone does not show them.
DETAILS = [
    ("more than 71,000 people", ("more than 71,000", "above", "count", 71000)),
    ("at least 20 to 21 killed", ("at least 20 to 21", "range", "count", 20)),
    ("nearly 500 violations", ("nearly 500", "below", "count", 500)),
    ("about 600 trucks", ("about 600", "about", "count", 600)),
    ("up to 600 trucks", ("up to 600", "at_most", "count", 600)),
    ("20+ killed", ("20+", "at_least", "count", 20)),
    ("447 killed", ("447", "exact", "count", 447)),
    ("hundreds of thousands fled", ("hundreds of thousands", "vague", "count", 200000)),
    ("70% of homes", ("70%", "exact", "percent", 70)),
    ("seventy per cent", ("seventy per cent", "exact", "percent", 70)),
    ("between 20 and 30 percent", ("between 20 and 30 percent", "range", "percent", 20)),
    ("tops 10,000", ("tops 10,000", "above", "count", 10000)),
    ("~70,000", ("~70,000", "about", "count", 70000)),
    ("20 or so", ("20 or so", "about", "count", 20)),
    ("$3 million", ("$3 million", "exact", "count", 3e6)),
    ("half a million", ("half a million", "exact", "count", 500000)),
    ("1.9 million", ("1.9 million", "exact", "count", 1.9e6)),
]


@pytest.mark.parametrize(("sentence", "expected"), DETAILS)
def test_hedge_unit_and_value(sentence: str, expected: tuple) -> None:
    (q,) = find_quantities(sentence)
    assert (q.text, q.hedge, q.unit, q.value) == expected


def test_offsets_point_into_the_text() -> None:
    text = "Despite the truce, Israel killed 447 Palestinians and wounded more than 1,246."
    first, second = find_quantities(text)
    assert (first.start, first.end) == (33, 36)
    assert text[second.start:second.end] == "more than 1,246"


def test_module_doctests() -> None:
    result = doctest.testmod(numbers)
    assert result.attempted > 0
    assert result.failed == 0


# Pathological inputs give exact answers (their speed is measured in bench/, not here).
def test_long_digit_run_is_no_quantity() -> None:
    assert find_quantities("1" * 100_000) == []


def test_long_comma_chain_is_no_quantity() -> None:
    assert find_quantities("1," * 50_000 + "1") == []


def test_repeated_hedges_before_one_figure() -> None:
    (q,) = find_quantities("more than " * 10_000 + "5")
    assert (q.text, q.low, q.high) == ("more than 5", 5, 6)


def test_long_run_of_number_words() -> None:
    got = find_quantities("five " * 1000)
    assert [(q.text, q.low) for q in got] == [("five", 5)] * 1000


def test_text_without_spaces() -> None:
    assert find_quantities("x" * 100_000) == []


# News-like fragments, so random texts often hold hedges, ranges and scales.
_PIECES = list("0123456789 ,.-–+%$~:/#()aeimnorstuAMPT\u00a0\u2009\n") + [
    " more than ", " at least ", " hundred", " thousand ", " million", " and ", " to ", " or ",
    " twenty", "-one", " a ", " dozen", " hundreds of ", " between ", " from ", " percent",
    " October ", " 2023", " Resolution ", "m", "bn", " nearly ", " some ", " or more", "+",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=120).map("".join) | st.text(max_size=300))
def test_spans_are_well_formed(text: str) -> None:
    found = find_quantities(text)
    previous_end = 0
    for q in found:
        assert 0 <= q.start < q.end <= len(text)
        assert q.start >= previous_end
        assert q.text == text[q.start:q.end]
        if q.low is not None and q.high is not None:
            assert q.low <= q.high
        assert q.hedge in {"exact", "above", "at_least", "below", "about", "at_most", "range", "vague"}
        assert q.unit in {"count", "percent"}
        previous_end = q.end


def test_a_digit_run_beyond_python_s_int_limit_reads_without_error():
    # int() refuses strings over 4,300 digits; a date followed by a run of nines reached it.
    assert find_quantities("9999-12-31" + "9" * 5000) == []
