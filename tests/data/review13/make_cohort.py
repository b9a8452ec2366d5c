# The review 13 cohort (18 tumours, GRCh38, Mutect2-style; Manta-style SV calls): `python3 make_cohort.py` here
# writes small.vcf, sv.vcf and sheet.tsv (kept beside it; tests/test_review13_report.py reads them).
S = ["S01","S02","S03","S04","S05","S06","S07","S08","S09","S10","S11","S12","S13","S14","S15","S16","S17","S18"]
# variants: (chrom,pos,ref,alt) -> {sample:(ad_ref,ad_alt,ps)}
G1202R=("chr2",29220747,"C","T"); L1196M=("chr2",29220765,"G","T"); I1171N=("chr2",29222347,"A","T")
C1156Y=("chr2",29222392,"C","T"); G1269A=("chr2",29209816,"C","G")
calls = {
 G1202R:{"S01":(130,70,None),"S04":(120,80,29220747),"S10":(140,60,None),"S12":(194,6,None),"S16":(130,70,None),"S17":(125,75,None)},
 L1196M:{"S02":(128,72,None),"S04":(122,78,29220747),"S15":(130,70,None)},
 I1171N:{"S03":(126,74,None)},
 C1156Y:{"S06":(388,12,None)},
 G1269A:{"S09":(132,68,None)},
}
hdr = """##fileformat=VCFv4.2
##FILTER=<ID=PASS,Description="All filters passed">
##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">
##FORMAT=<ID=AF,Number=A,Type=Float,Description="Allele fractions">
##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Depth">
##FORMAT=<ID=PS,Number=1,Type=Integer,Description="Phasing set">
##contig=<ID=chr2,length=242193529>
##contig=<ID=chr7,length=159345973>
##reference=file:///ref/Homo_sapiens_assembly38.fasta
##source=Mutect2
"""
lines=[]
for v,d in sorted(calls.items(), key=lambda x:(x[0][0],x[0][1])):
    row=[v[0],str(v[1]),".",v[2],v[3],".","PASS",".","GT:AD:AF:DP:PS"]
    for s in S:
        if s in d:
            r,a,ps=d[s]; gt="0|1" if ps else "0/1"
            row.append(f"{gt}:{r},{a}:{a/(r+a):.3f}:{r+a}:{ps if ps else '.'}")
        else:
            row.append("0/0:200,0:0.000:200:.")
    lines.append("\t".join(row))
open("small.vcf","w").write(hdr+"#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t"+"\t".join(S)+"\n"+"\n".join(lines)+"\n")
# SV: all but S11 with EML4-ALK v3 BND pair; MET DUP CN=9 in S07 and S12
svS=[s for s in S if s!="S11"]
sh="""##fileformat=VCFv4.1
##contig=<ID=chr2,length=242193529>
##contig=<ID=chr7,length=159345973>
##source=GenerateSVCandidates 1.6.0
##INFO=<ID=SVTYPE,Number=1,Type=String,Description="Type of structural variant">
##INFO=<ID=MATEID,Number=.,Type=String,Description="ID of mate breakend">
##INFO=<ID=END,Number=1,Type=Integer,Description="End">
##INFO=<ID=SVLEN,Number=.,Type=Integer,Description="len">
##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
##FORMAT=<ID=CN,Number=1,Type=Integer,Description="Copy number">
##FORMAT=<ID=PR,Number=.,Type=Integer,Description="PR">
##FORMAT=<ID=SR,Number=.,Type=Integer,Description="SR">
##ALT=<ID=DUP,Description="Duplication">
"""
r=[]
r.append("\t".join(["chr2","29224300","b1","N","N]chr2:42275000]",".","PASS","SVTYPE=BND;MATEID=b2","GT:CN:PR:SR"]+[".:.:27,15:25,18" for s in svS]))
r.append("\t".join(["chr2","42275000","b2","N","N]chr2:29224300]",".","PASS","SVTYPE=BND;MATEID=b1","GT:CN:PR:SR"]+[".:.:27,15:25,18" for s in svS]))
r.append("\t".join(["chr7","116522196","m1","N","<DUP>",".","PASS","SVTYPE=DUP;END=116978377;SVLEN=456181","GT:CN:PR:SR"]+[("0/1:9:.:." if s in ("S07","S12") else "0/0:2:.:.") for s in svS]))
open("sv.vcf","w").write(sh+"#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t"+"\t".join(svS)+"\n"+"\n".join(r)+"\n")
sheet=[("S01","positive:IHC","alectinib",""),("S02","positive:IHC","crizotinib;ceritinib",""),
("S03","positive:FISH","alectinib;lorlatinib",""),("S04","positive:IHC","alectinib;lorlatinib",""),
("S05","positive:IHC","crizotinib;ceritinib","positive"),("S06","positive:IHC","crizotinib","positive"),
("S07","positive:IHC","alectinib;lorlatinib",""),("S08","positive:IHC","iruplinalkib",""),
("S09","positive:IHC","alectinib",""),("S10","positive:IHC","none",""),("S11","","crizotinib",""),
("S12","positive:IHC","alectinib",""),("S13","positive:IHC","alectinib",""),("S14","positive:IHC","crizotinib",""),
("S15","positive:IHC","ceritinib","negative"),("S16","positive:IHC","envonalkib",""),("S17","positive:IHC","lorlatinib",""),("S18","positive:IHC","","")]
open("sheet.tsv","w").write("sample\talk_status\tprogressed_on\tabcb1_ihc\n"+"".join("\t".join(x)+"\n" for x in sheet))
