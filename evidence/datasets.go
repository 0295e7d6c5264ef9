package evidence

// datasets is the provenance of every embedded source. The long form,
// including how each file was reduced, is the folder's SOURCE.md.
var datasets = []Dataset{
	{
		Name: "cow_nmc", Title: "COW National Material Capabilities (abridged)", Version: "7.0", Years: "1816-2022",
		Citation: `Singer, J. David, Stuart Bremer, and John Stuckey. 1972. "Capability Distribution, Uncertainty, and Major Power War, 1820-1965." In Peace, War, and Numbers, ed. Bruce Russett. Beverly Hills: Sage, 19-48. Correlates of War Project, National Material Capabilities v7.0.`,
		BibTeX: `@incollection{singer1972nmc,
  author = {Singer, J. David and Bremer, Stuart and Stuckey, John},
  title = {Capability Distribution, Uncertainty, and Major Power War, 1820--1965},
  booktitle = {Peace, War, and Numbers},
  editor = {Russett, Bruce},
  publisher = {Sage}, address = {Beverly Hills}, year = {1972}, pages = {19--48},
  note = {Correlates of War National Material Capabilities data, version 7.0}
}`,
		Licence: "COW data: free for research with citation. Copy taken from the peacesciencer R package (GPL-2).",
	},
	{
		Name: "cow_states", Title: "COW state system membership, major powers, direct contiguity", Version: "states 2016; contiguity 3.2", Years: "1816-2016",
		Citation: `Correlates of War Project. 2017. "State System Membership List, v2016." http://correlatesofwar.org. Stinnett, Douglas M., Jaroslav Tir, Philip Schafer, Paul F. Diehl, and Charles Gochman. 2002. "The Correlates of War Project Direct Contiguity Data, Version 3." Conflict Management and Peace Science 19(2):58-66.`,
		BibTeX: `@misc{cow2017states,
  author = {{Correlates of War Project}},
  title = {State System Membership List, v2016}, year = {2017}, url = {http://correlatesofwar.org}
}
@article{stinnett2002contiguity,
  author = {Stinnett, Douglas M. and Tir, Jaroslav and Schafer, Philip and Diehl, Paul F. and Gochman, Charles},
  title = {The Correlates of War Project Direct Contiguity Data, Version 3},
  journal = {Conflict Management and Peace Science}, volume = {19}, number = {2}, pages = {58--66}, year = {2002}
}`,
		Licence: "COW data: free for research with citation. Copy taken from peacesciencer (GPL-2).",
	},
	{
		Name: "sipri_milex", Title: "SIPRI Military Expenditure Database", Version: "2024 release (constant 2022 US$)", Years: "1949-2023",
		Citation: `SIPRI Military Expenditure Database 2024. Stockholm International Peace Research Institute. https://www.sipri.org/databases/milex.`,
		BibTeX: `@misc{sipri2024milex,
  author = {{Stockholm International Peace Research Institute}},
  title = {{SIPRI} Military Expenditure Database}, year = {2024},
  url = {https://www.sipri.org/databases/milex}
}`,
		Licence: "SIPRI: free use with attribution; redistribution of the whole database must be checked against SIPRI's terms before publication. The copy came from a repository that states no licence.",
	},
	{
		Name: "alliance_reliability", Title: "Alliance fulfilment in war (Berkemeier & Fuhrmann 2018; Leeds & Anac 2005)", Version: "BF 2018 (codebook 2018-03-26); Leeds-Anac 2005", Years: "wars 1816-2003",
		Citation: `Berkemeier, Molly, and Matthew Fuhrmann. 2018. "Reassessing the Fulfillment of Alliance Commitments in War." Research & Politics 5(2). Leeds, Brett Ashley, and Sezi Anac. 2005. "Alliance Institutionalization and Alliance Performance." International Interactions 31(3):183-202. Leeds, Brett Ashley, Andrew G. Long, and Sara McLaughlin Mitchell. 2000. "Reevaluating Alliance Reliability: Specific Threats, Specific Promises." Journal of Conflict Resolution 44(5):686-699.`,
		BibTeX: `@article{berkemeier2018fulfillment,
  author = {Berkemeier, Molly and Fuhrmann, Matthew},
  title = {Reassessing the Fulfillment of Alliance Commitments in War},
  journal = {Research \& Politics}, volume = {5}, number = {2}, year = {2018}
}
@article{leeds2005institutionalization,
  author = {Leeds, Brett Ashley and Anac, Sezi},
  title = {Alliance Institutionalization and Alliance Performance},
  journal = {International Interactions}, volume = {31}, number = {3}, pages = {183--202}, year = {2005}
}
@article{leeds2000reliability,
  author = {Leeds, Brett Ashley and Long, Andrew G. and Mitchell, Sara McLaughlin},
  title = {Reevaluating Alliance Reliability: Specific Threats, Specific Promises},
  journal = {Journal of Conflict Resolution}, volume = {44}, number = {5}, pages = {686--699}, year = {2000}
}`,
		Licence: "Authors' public replication files, redistributed in a repository with no licence file; cite the original articles.",
	},
	{
		Name: "atop", Title: "Alliance Treaty Obligations and Provisions, dyad-year", Version: "ATOP 5.1", Years: "1815-2018",
		Citation: `Leeds, Brett Ashley, Jeffrey M. Ritter, Sara McLaughlin Mitchell, and Andrew G. Long. 2002. "Alliance Treaty Obligations and Provisions, 1815-1944." International Interactions 28:237-260. ATOP codebook v5.1 (2022), http://www.atopdata.org.`,
		BibTeX: `@article{leeds2002atop,
  author = {Leeds, Brett Ashley and Ritter, Jeffrey M. and Mitchell, Sara McLaughlin and Long, Andrew G.},
  title = {Alliance Treaty Obligations and Provisions, 1815--1944},
  journal = {International Interactions}, volume = {28}, pages = {237--260}, year = {2002},
  note = {ATOP data version 5.1}
}`,
		Licence: "ATOP: free for research with citation. Copy taken from peacesciencer (GPL-2).",
	},
	{
		Name: "cow_alliance", Title: "COW Formal Alliances, dyad-year", Version: "4.1", Years: "1816-2012",
		Citation: `Gibler, Douglas M. 2009. International Military Alliances, 1648-2008. Washington, DC: CQ Press. (COW Formal Alliances v4.1.)`,
		BibTeX: `@book{gibler2009alliances,
  author = {Gibler, Douglas M.}, title = {International Military Alliances, 1648--2008},
  publisher = {CQ Press}, address = {Washington, DC}, year = {2009}, note = {COW Formal Alliances v4.1}
}`,
		Licence: "COW data: free for research with citation. Copy taken from peacesciencer (GPL-2).",
	},
	{
		Name: "us_troops", Title: "US troops abroad (rebuilt DMDC series)", Version: "troopdata 1.0.4.9000 rebuild", Years: "1950-2024",
		Citation: `Allen, Michael A., Michael E. Flynn, and Carla Martinez Machain. 2022. "US Global Military Deployments, 1950-2020." Conflict Management and Peace Science 39(3):351-370. doi:10.1177/07388942211030885. Kane, Tim. 2004. "Global U.S. Troop Deployment, 1950-2003." Heritage Foundation.`,
		BibTeX: `@article{allen2022deployments,
  author = {Allen, Michael A. and Flynn, Michael E. and Martinez Machain, Carla},
  title = {{US} Global Military Deployments, 1950--2020},
  journal = {Conflict Management and Peace Science}, volume = {39}, number = {3}, pages = {351--370}, year = {2022},
  doi = {10.1177/07388942211030885}
}`,
		Licence: "troopdata package is GPL (>= 3); the underlying DMDC reports are US government works.",
	},
	{
		Name: "mid", Title: "COW Militarized Interstate Disputes", Version: "MID 5.0", Years: "1816-2014",
		Citation: `Palmer, Glenn, Roseanne W. McManus, Vito D'Orazio, Michael R. Kenwick, Mikaela Karstens, Chase Bloch, Nick Dietrich, Kayla Kahn, Kellan Ritter, and Michael J. Soules. 2022. "The MID5 Dataset, 2011-2014: Procedures, Coding Rules, and Description." Conflict Management and Peace Science 39(4):470-482.`,
		BibTeX: `@article{palmer2022mid5,
  author = {Palmer, Glenn and McManus, Roseanne W. and D'Orazio, Vito and Kenwick, Michael R. and Karstens, Mikaela and Bloch, Chase and Dietrich, Nick and Kahn, Kayla and Ritter, Kellan and Soules, Michael J.},
  title = {The {MID5} Dataset, 2011--2014: Procedures, Coding Rules, and Description},
  journal = {Conflict Management and Peace Science}, volume = {39}, number = {4}, pages = {470--482}, year = {2022}
}`,
		Licence: "COW data: free for research with citation. Copy taken from peacesciencer (GPL-2).",
	},
	{
		Name: "cow_war", Title: "COW Inter-State War Data (directed dyad-year)", Version: "4.0", Years: "1823-2003",
		Citation: `Sarkees, Meredith Reid, and Frank Wayman. 2010. Resort to War: 1816-2007. Washington, DC: CQ Press. (COW Inter-State War Data v4.0.)`,
		BibTeX: `@book{sarkees2010resort,
  author = {Sarkees, Meredith Reid and Wayman, Frank}, title = {Resort to War: 1816--2007},
  publisher = {CQ Press}, address = {Washington, DC}, year = {2010}, note = {COW Inter-State War Data v4.0}
}`,
		Licence: "COW data: free for research with citation. Copy taken from peacesciencer (GPL-2).",
	},
	{
		Name: "rivalries", Title: "Strategic rivalries (Thompson-Dreyer; Thompson-Sakuwa-Suhas)", Version: "TD 2012; TSS 2022", Years: "1494-2020",
		Citation: `Thompson, William R., and David R. Dreyer. 2012. Handbook of International Rivalries, 1494-2010. Washington, DC: CQ Press. Thompson, William R., Kentaro Sakuwa, and Prashant Hosur Suhas. 2022. Analyzing Strategic Rivalries in World Politics. Singapore: Springer.`,
		BibTeX: `@book{thompson2012handbook,
  author = {Thompson, William R. and Dreyer, David R.}, title = {Handbook of International Rivalries, 1494--2010},
  publisher = {CQ Press}, address = {Washington, DC}, year = {2012}
}
@book{thompson2022rivalries,
  author = {Thompson, William R. and Sakuwa, Kentaro and Suhas, Prashant Hosur},
  title = {Analyzing Strategic Rivalries in World Politics}, publisher = {Springer}, year = {2022}
}`,
		Licence: "Copy taken from peacesciencer (GPL-2); cite the books.",
	},
	{
		Name: "huth_1988", Title: "Huth (1988) extended-immediate deterrence crises, as used by Signorino & Tarar (2006)", Version: "Signorino-Tarar 2006 file (PA_BrStrat d1aaf5c)", Years: "1885-1983",
		Citation: `Huth, Paul K. 1988. "Extended Deterrence and the Outbreak of War." American Political Science Review 82(2):423-443. Signorino, Curtis S., and Ahmer Tarar. 2006. "A Unified Theory and Test of Extended Immediate Deterrence." American Journal of Political Science 50(3):586-605.`,
		BibTeX: `@article{huth1988extended,
  author = {Huth, Paul K.}, title = {Extended Deterrence and the Outbreak of War},
  journal = {American Political Science Review}, volume = {82}, number = {2}, pages = {423--443}, year = {1988}
}
@article{signorino2006unified,
  author = {Signorino, Curtis S. and Tarar, Ahmer},
  title = {A Unified Theory and Test of Extended Immediate Deterrence},
  journal = {American Journal of Political Science}, volume = {50}, number = {3}, pages = {586--605}, year = {2006}
}`,
		Licence: "Replication data from a public repository (ccrismancox/PA_BrStrat) with no stated data licence; cite Huth 1988 and Signorino & Tarar 2006.",
	},
}
