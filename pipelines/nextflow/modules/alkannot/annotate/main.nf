process ALKANNOT_ANNOTATE {
    tag "${meta.id}"
    label 'process_low'

    conda "${moduleDir}/environment.yml"
    // The BioContainer appears once recipes/alkannot is accepted by bioconda; the tag is the one bioconda
    // gives a noarch: python build (pyhdfd78af_0). Until then, run with conda (or a pip-installed alkannot).
    container "${workflow.containerEngine in ['singularity', 'apptainer'] && !task.ext.singularity_pull_docker_container
        ? 'https://depot.galaxyproject.org/singularity/alkannot:0.1.0--pyhdfd78af_0'
        : 'quay.io/biocontainers/alkannot:0.1.0--pyhdfd78af_0'}"

    input:
    // each input in folders of its own, as nf-core's modules stage theirs (bcftools: stageAs "input/*"): a tumour
    // calls.vcf.gz beside an SV calls.vcf.gz, or two fusions.tsv, from other folders no longer collide; sv*/ and
    // fusions*/ are numbered per file (sv1/, sv2/, ...), the command names each file by its staged path
    tuple val(meta), path(vcf, stageAs: "input/*"), path(sv, stageAs: "sv*/*"), path(fusions, stageAs: "fusions*/*")
    path samples

    output:
    tuple val(meta), path("${prefix}.${extension}"), emit: vcf
    // one channel per index type, as nf-core's bcftools modules emit them (.out.tbi / .out.csi)
    tuple val(meta), path("${prefix}.${extension}.tbi"), emit: tbi, optional: true
    tuple val(meta), path("${prefix}.${extension}.csi"), emit: csi, optional: true
    tuple val(meta), path("${prefix}.alk_report.tsv"), emit: tsv
    tuple val(meta), path("${prefix}.alk_report.json"), emit: json
    tuple val(meta), path("${prefix}.alk_report.html"), emit: html
    tuple val(meta), path("${prefix}.alk_report_mqc.tsv"), emit: mqc
    tuple val("${task.process}"), val('alkannot'), eval("alkannot --version | sed 's/^.*version //'"), topic: versions, emit: versions_alkannot

    when:
    task.ext.when == null || task.ext.when

    script:
    def args = task.ext.args ?: ''
    prefix = task.ext.prefix ?: "${meta.id}"
    // -O b, -Ob9, -qOb, --output-type=u, --output-type v ...: the type letter, as alkannot (and bcftools) read it
    def output_type = args =~ /(?<!\S)(?:-[qvh]*O\s*|--output-type(?:=|\s+))([vzbu])\d?(?!\S)/
    extension = output_type.find() ? [v: 'vcf', z: 'vcf.gz', b: 'bcf', u: 'bcf'][output_type.group(1)] : 'vcf.gz'
    // one shell word, as the Snakemake wrapper's shlex.quote: a tumour name from a samplesheet may hold a space
    // or a shell metacharacter ('...', with each ' written '\'')
    def quote = { value -> "'" + value.toString().replace("'", "'\\''") + "'" }
    // meta.tumor: the tumour of a paired VCF; a fusion table then belongs to that sample
    def tumor = meta.tumor ? "--tumor ${quote(meta.tumor)}" : ''
    def owner = meta.tumor ? "${meta.tumor}=" : ''
    def sv_args = (sv instanceof List ? sv : [sv]).findAll { it }.collect { "--sv ${quote(it)}" }.join(' ')
    def fusion_args = (fusions instanceof List ? fusions : [fusions]).findAll { it }.collect { "--fusions ${quote("${owner}${it}")}" }.join(' ')
    def samples_arg = samples ? "--samples ${quote(samples)}" : ''
    // alkannot's --threads are extra htslib threads beside its own process: task.cpus - 1, as the Snakemake wrapper
    def threads = task.cpus > 1 ? "--threads ${task.cpus - 1}" : ''

    if ("${vcf}" == "${prefix}.${extension}") {
        error("Input and output names are the same, set prefix in module configuration to disambiguate!")
    }
    """
    alkannot \\
        annotate \\
        ${args} \\
        ${tumor} \\
        ${sv_args} \\
        ${fusion_args} \\
        ${samples_arg} \\
        --report ${quote("${prefix}.alk_report")} \\
        ${threads} \\
        --output ${quote("${prefix}.${extension}")} \\
        ${quote(vcf)}
    """

    stub:
    def args = task.ext.args ?: ''
    prefix = task.ext.prefix ?: "${meta.id}"
    // -O b, -Ob9, -qOb, --output-type=u, --output-type v ...: the type letter, as alkannot (and bcftools) read it
    def output_type = args =~ /(?<!\S)(?:-[qvh]*O\s*|--output-type(?:=|\s+))([vzbu])\d?(?!\S)/
    extension = output_type.find() ? [v: 'vcf', z: 'vcf.gz', b: 'bcf', u: 'bcf'][output_type.group(1)] : 'vcf.gz'
    // --write-index tbi, --write-index=tbi, -W tbi, -Wtbi, -W=tbi, -qWtbi, -W TBI: a .tbi, as the script's run writes
    // (alkannot takes -W after short flags in one word and its format in any case); any other -W a .csi
    def written = args =~ /(?<!\S)(?:--write-index|-[qvh]*W)(?:=|\s*)((?i:tbi|csi))?(?!\S)/
    def index = written.find() ? (written.group(1)?.toLowerCase() == 'tbi' ? 'tbi' : 'csi') : ''
    def quote = { value -> "'" + value.toString().replace("'", "'\\''") + "'" }
    def create_cmd = extension == "vcf" ? "touch" : "echo '' | gzip >"
    def create_index = index ? "touch ${quote("${prefix}.${extension}.${index}")}" : ''
    """
    ${create_cmd} ${quote("${prefix}.${extension}")}
    ${create_index}
    touch ${quote("${prefix}.alk_report.tsv")}
    touch ${quote("${prefix}.alk_report.json")}
    touch ${quote("${prefix}.alk_report.html")}
    touch ${quote("${prefix}.alk_report_mqc.tsv")}
    """
}
