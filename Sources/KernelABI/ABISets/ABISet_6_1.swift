// GENERATED FILE, do not edit. Regenerate with:
//   imagetool vermagic scan --kernel-src /usr/src/linux-headers-6.1.0-56-common --series 6.1 --origin 'Debian linux-headers-6.1.0-56-common 6.1.192-2' --swift ABISet_6_1 > Sources/KernelABI/ABISets/ABISet_6_1.swift
// Kernel series 6.1; headers: Debian linux-headers-6.1.0-56-common 6.1.192-2.
// 2608 options; 582 are visible to modules when set to m.

/// The ABI-relevant option set for Linux 6.1 (see ABIRelevantSet, HeaderScanner).
enum ABISet_6_1 {
    /// `ABIRelevantSet.serialized()` text.
    static let text = #"""
# imagetool ABI-relevant option set
# series: 6.1
# origin: Debian linux-headers-6.1.0-56-common 6.1.192-2
# regenerate: imagetool vermagic scan --kernel-src /usr/src/linux-headers-6.1.0-56-common --series 6.1 --origin 'Debian linux-headers-6.1.0-56-common 6.1.192-2' --swift ABISet_6_1 > Sources/KernelABI/ABISets/ABISet_6_1.swift
y	060_WRITETHROUGH	arch/m68k/include/asm/motorola_pgtable.h:55
y	29BIT	arch/sh/include/asm/addrspace.h:26	arch/sh/include/asm/mmu.h:91	arch/sh/include/asm/page.h:148
m	32BIT	arch/mips/include/asm/checksum.h:141	arch/mips/include/asm/checksum.h:151	arch/mips/include/asm/checksum.h:157
y	32BIT	arch/mips/include/asm/asm-eva.h:33	arch/mips/include/asm/asm-eva.h:92	arch/mips/include/asm/asm-eva.h:120
m	40x	arch/powerpc/include/asm/time.h:61	arch/powerpc/include/asm/time.h:74
y	40x	arch/powerpc/include/asm/cputable.h:505	arch/powerpc/include/asm/cputable.h:579	arch/powerpc/include/asm/mmu.h:160
y	440SP	arch/powerpc/include/asm/async_tx.h:10
y	440SPe	arch/powerpc/include/asm/async_tx.h:10
y	44x	arch/powerpc/include/asm/cputable.h:510	arch/powerpc/include/asm/cputable.h:584	arch/powerpc/include/asm/kexec.h:6
y	4KSTACKS	arch/m68k/include/asm/thread_info.h:14	arch/sh/include/asm/thread_info.h:40
y	4xx	arch/powerpc/include/asm/cacheflush.h:118	arch/powerpc/include/asm/ppc_asm.h:426
m	64BIT	include/linux/memblock.h:595	arch/mips/include/asm/checksum.h:133	arch/mips/include/asm/checksum.h:160
y	64BIT	include/asm-generic/bitsperlong.h:8	include/asm-generic/cmpxchg.h:62	include/asm-generic/export.h:18
m	6LOWPAN	include/linux/netdevice.h:2198	include/net/cfg802154.h:377
y	8260	arch/powerpc/include/asm/cputable.h:254	arch/powerpc/include/asm/fs_pd.h:20	arch/powerpc/include/asm/mpc8260.h:14
y	AB8500_CORE	include/linux/mfd/abx500/ab8500-sysctrl.h:11
y	AB8500_DEBUG	include/linux/mfd/abx500/ab8500.h:506
m	AC97_BUS_NEW	include/sound/ac97/codec.h:81	include/sound/ac97/controller.h:62
m	ACPI	include/linux/gpio/consumer.h:681	include/linux/i2c.h:1046	include/linux/spi/spi.h:855
y	ACPI	include/acpi/acpi_bus.h:83	include/acpi/acpi_lpat.h:21	include/acpi/platform/aclinux.h:63
y	ACPI_AGDI	include/linux/acpi_agdi.h:8
y	ACPI_APEI	include/acpi/apei.h:36	arch/arm64/include/asm/acpi.h:142	arch/x86/include/asm/acpi.h:19
y	ACPI_APEI_GHES	include/acpi/apei.h:28	include/acpi/ghes.h:57	arch/arm64/include/asm/fixmap.h:54
y	ACPI_APEI_SEA	include/acpi/ghes.h:143
y	ACPI_BGRT	include/linux/efi-bgrt.h:7
m	ACPI_BUTTON	include/acpi/button.h:9
y	ACPI_CONTAINER	include/linux/acpi.h:659
y	ACPI_CPPC_LIB	include/acpi/cppc_acpi.h:138	include/acpi/processor.h:360	include/linux/arch_topology.h:14
y	ACPI_CPU_FREQ_PSS	include/acpi/processor.h:378
y	ACPI_DEBUG	include/acpi/platform/aclinux.h:48
y	ACPI_DEBUGGER	include/acpi/platform/aclinux.h:44	include/linux/acpi.h:164
y	ACPI_DOCK	include/acpi/acpi_drivers.h:82
m	ACPI_EXTLOG	include/ras/ras_event.h:26
y	ACPI_EXTLOG	include/ras/ras_event.h:26
m	ACPI_GENERIC_GSI	include/linux/acpi.h:1437
y	ACPI_GTDT	include/linux/acpi.h:750
y	ACPI_HMAT	include/acpi/acpi_numa.h:38
y	ACPI_HOTPLUG_CPU	include/linux/acpi.h:330	include/linux/acpi.h:657	arch/ia64/include/asm/acpi.h:55
y	ACPI_HOTPLUG_IOAPIC	include/linux/acpi.h:337	include/linux/acpi.h:1064
y	ACPI_HOTPLUG_MEMORY	include/linux/acpi.h:658
y	ACPI_IORT	include/linux/acpi_iort.h:30
y	ACPI_LPIT	include/linux/acpi.h:1447
y	ACPI_MCFG	include/linux/pci.h:2254
m	ACPI_MDIO	include/linux/acpi_mdio.h:11
m	ACPI_NFIT	include/acpi/nfit.h:9
y	ACPI_NUMA	include/acpi/acpi_numa.h:5	include/linux/acpi.h:451	arch/arm64/include/asm/acpi.h:157
y	ACPI_PCC	include/linux/acpi.h:1485
y	ACPI_PCI_SLOT	include/linux/pci-acpi.h:95
y	ACPI_PPTT	include/linux/acpi.h:1456	include/linux/cacheinfo.h:90
y	ACPI_PRMT	include/linux/prmt.h:3
y	ACPI_PROCESSOR_CSTATE	include/acpi/processor.h:276	include/linux/acpi.h:317
y	ACPI_PROCESSOR_IDLE	include/acpi/processor.h:416
y	ACPI_REDUCED_HARDWARE_ONLY	include/acpi/platform/aclinux.h:40
y	ACPI_SLEEP	include/acpi/acpi_bus.h:720	arch/x86/include/asm/realmode.h:32
y	ACPI_SPCR_TABLE	include/linux/acpi.h:1427
y	ACPI_SYSTEM_POWER_STATES_SUPPORT	include/acpi/acpi_bus.h:714
y	ACPI_TABLE_LIB	include/linux/acpi.h:243
y	ACPI_TABLE_UPGRADE	include/linux/acpi.h:1415
m	ACPI_VIDEO	include/acpi/video.h:55
y	ACPI_VIOT	include/linux/acpi_viot.h:8
y	ACPI_WATCHDOG	include/linux/acpi.h:1421
m	ACPI_WMI	include/linux/acpi.h:411
y	ACPI_WMI	include/linux/acpi.h:411
m	ACRN_GUEST	arch/x86/include/asm/idtentry.h:750
y	ADB_PMU	include/linux/pmu.h:28
y	ADVISE_SYSCALLS	include/linux/syscalls.h:1311
m	AEABI	arch/arm/include/asm/syscall.h:25
y	AEABI	arch/arm/include/asm/cache.h:23	arch/arm/include/asm/div64.h:43	arch/arm/include/asm/unistd.h:28
m	AF_UNIX_OOB	include/net/af_unix.h:90
m	AGP	include/drm/drm_legacy.h:263	include/drm/ttm/ttm_tt.h:233
y	AIO	include/linux/aio.h:14	include/linux/mm_types.h:648
y	ALPHA	include/linux/blk_types.h:86	include/linux/moduleparam.h:279	include/sound/pcm.h:1424
y	ALPHA_ALCOR	arch/alpha/include/asm/dma.h:116	arch/alpha/include/asm/irq.h:46
y	ALPHA_APECS	arch/alpha/include/asm/io.h:210
y	ALPHA_BROKEN_IRQ_MASK	arch/alpha/include/asm/irqflags.h:18
y	ALPHA_CABRIOLET	arch/alpha/include/asm/irq.h:34
y	ALPHA_CIA	arch/alpha/include/asm/io.h:212
y	ALPHA_DP264	arch/alpha/include/asm/irq.h:57
y	ALPHA_EB164	arch/alpha/include/asm/irq.h:36
y	ALPHA_EB64P	arch/alpha/include/asm/irq.h:42
y	ALPHA_EB66	arch/alpha/include/asm/irq.h:41
y	ALPHA_EB66P	arch/alpha/include/asm/irq.h:35
y	ALPHA_EIGER	arch/alpha/include/asm/irq.h:67
y	ALPHA_EV4	arch/alpha/include/asm/mmu_context.h:74	arch/alpha/include/asm/mmu_context.h:221	arch/alpha/include/asm/special_insns.h:18
y	ALPHA_EV5	arch/alpha/include/asm/mmu_context.h:76	arch/alpha/include/asm/special_insns.h:21
y	ALPHA_EV6	arch/alpha/include/asm/bitops.h:313	arch/alpha/include/asm/bitops.h:333	arch/alpha/include/asm/bitops.h:365
y	ALPHA_EV67	arch/alpha/include/asm/bitops.h:313	arch/alpha/include/asm/bitops.h:333	arch/alpha/include/asm/bitops.h:365
y	ALPHA_GAMMA	arch/alpha/include/asm/core_t2.h:33
y	ALPHA_GENERIC	arch/alpha/include/asm/cache.h:10	arch/alpha/include/asm/core_t2.h:31	arch/alpha/include/asm/dma.h:107
y	ALPHA_IRONGATE	arch/alpha/include/asm/io.h:214
y	ALPHA_JENSEN	arch/alpha/include/asm/dma-mapping.h:9	arch/alpha/include/asm/io.h:216	arch/alpha/include/asm/io.h:650
y	ALPHA_LARGE_VMALLOC	arch/alpha/include/asm/pgtable.h:54
y	ALPHA_LCA	arch/alpha/include/asm/io.h:218
y	ALPHA_LEGACY_START_ADDRESS	arch/alpha/include/asm/irq.h:28	arch/alpha/include/asm/setup.h:17
y	ALPHA_LX164	arch/alpha/include/asm/irq.h:38
y	ALPHA_LYNX	arch/alpha/include/asm/irq.h:58
y	ALPHA_MARVEL	arch/alpha/include/asm/io.h:220	arch/alpha/include/asm/irq.h:73
y	ALPHA_MCPCIA	arch/alpha/include/asm/io.h:222
y	ALPHA_MIATA	arch/alpha/include/asm/irq.h:47
y	ALPHA_MIKASA	arch/alpha/include/asm/irq.h:43
y	ALPHA_NORITAKE	arch/alpha/include/asm/irq.h:50
y	ALPHA_PC164	arch/alpha/include/asm/irq.h:37
y	ALPHA_POLARIS	arch/alpha/include/asm/io.h:224
y	ALPHA_PYXIS	arch/alpha/include/asm/core_cia.h:504
y	ALPHA_QEMU	arch/alpha/include/asm/machvec.h:131
y	ALPHA_RAWHIDE	arch/alpha/include/asm/irq.h:65
y	ALPHA_RUFFIAN	arch/alpha/include/asm/dma.h:112	arch/alpha/include/asm/irq.h:48
y	ALPHA_RX164	arch/alpha/include/asm/irq.h:49
y	ALPHA_SABLE	arch/alpha/include/asm/dma.h:114	arch/alpha/include/asm/irq.h:53
y	ALPHA_SHARK	arch/alpha/include/asm/irq.h:59
y	ALPHA_SRM	arch/alpha/include/asm/machvec.h:126
y	ALPHA_SX164	arch/alpha/include/asm/irq.h:54
y	ALPHA_T2	arch/alpha/include/asm/io.h:226
y	ALPHA_TAKARA	arch/alpha/include/asm/irq.h:66
y	ALPHA_TITAN	arch/alpha/include/asm/io.h:230	arch/alpha/include/asm/irq.h:62
y	ALPHA_TSUNAMI	arch/alpha/include/asm/io.h:228
y	ALPHA_WILDFIRE	arch/alpha/include/asm/io.h:232	arch/alpha/include/asm/irq.h:70
y	ALPHA_XL	arch/alpha/include/asm/dma.h:110
m	ALTERA_STAPL	include/misc/altera.h:22
y	ALTERA_STAPL	include/misc/altera.h:21
m	ALTERNATE_USER_ADDRESS_SPACE	include/asm-generic/access_ok.h:36
y	ALTIVEC	arch/powerpc/include/asm/cputable.h:203	arch/powerpc/include/asm/emulated_ops.h:21	arch/powerpc/include/asm/kvm_host.h:540
y	AMBA_PL08X	include/linux/amba/pl08x.h:121
m	AMD_HSMP	arch/x86/include/asm/amd_hsmp.h:8
y	AMD_IOMMU	include/linux/amd-iommu.h:29	include/linux/amd-iommu.h:163
m	AMD_MEM_ENCRYPT	arch/x86/include/asm/vga.h:24
y	AMD_MEM_ENCRYPT	include/asm-generic/vmlinux.lds.h:995	include/linux/amd-iommu.h:209	include/linux/mem_encrypt.h:21
y	AMD_NB	arch/x86/include/asm/amd_nb.h:79
y	AMIGA	arch/m68k/include/asm/irq.h:24	arch/m68k/include/asm/setup.h:35	arch/m68k/include/asm/setup.h:51
y	AMIGA_PCMCIA	arch/m68k/include/asm/io_mm.h:58	arch/m68k/include/asm/io_mm.h:105	arch/m68k/include/asm/io_mm.h:134
y	ANON_VMA_NAME	include/linux/mm.h:3643	include/linux/mm_inline.h:371
y	APERTURE_HELPERS	include/linux/aperture.h:11
y	APOLLO	arch/m68k/include/asm/irq.h:26	arch/m68k/include/asm/setup.h:37	arch/m68k/include/asm/setup.h:51
m	APPLE_GMUX	include/linux/apple-gmux.h:39
y	ARC	include/soc/arc/aux.h:9
m	ARCH_32BIT_OFF_T	include/linux/fcntl.h:25
y	ARCH_32BIT_USTAT_F_TINODE	include/linux/types.h:193
y	ARCH_BINFMT_ELF_EXTRA_PHDRS	include/linux/elfcore.h:108
y	ARCH_CLOCKSOURCE_DATA	include/linux/clocksource.h:27	include/linux/clocksource.h:104
y	ARCH_CLOCKSOURCE_INIT	include/linux/clocksource.h:264
y	ARCH_CPUIDLE_HALTPOLL	include/linux/cpuidle_haltpoll.h:5
y	ARCH_CPU_PROBE_RELEASE	arch/powerpc/include/asm/machdep.h:196
y	ARCH_DAVINCI_DA830	include/linux/clk/davinci.h:16
y	ARCH_DAVINCI_DA850	include/linux/clk/davinci.h:19
y	ARCH_DAVINCI_DM355	include/linux/clk/davinci.h:22
y	ARCH_DAVINCI_DM365	include/linux/clk/davinci.h:26
m	ARCH_DMA_ADDR_T_64BIT	include/linux/dma-direct.h:106
y	ARCH_DMA_ADDR_T_64BIT	include/linux/goldfish.h:34	include/linux/pci.h:799	include/linux/types.h:143
y	ARCH_ENABLE_HUGEPAGE_MIGRATION	include/linux/hugetlb.h:902	arch/arm64/include/asm/hugetlb.h:15
m	ARCH_ENABLE_SPLIT_PMD_PTLOCK	include/linux/mm_types_task.h:24
m	ARCH_ENABLE_THP_MIGRATION	include/linux/huge_mm.h:293	include/linux/pgtable.h:1434
y	ARCH_ENABLE_THP_MIGRATION	include/linux/pgtable.h:1092	include/linux/swapops.h:580	arch/arm64/include/asm/pgtable.h:1021
y	ARCH_EP93XX	include/linux/soc/cirrus/ep93xx.h:13
y	ARCH_FORCE_MAX_ORDER	include/linux/mmzone.h:27	arch/ia64/include/asm/sparsemem.h:14	arch/ia64/include/asm/sparsemem.h:15
v	ARCH_FORCE_MAX_ORDER	include/linux/mmzone.h:30	arch/ia64/include/asm/sparsemem.h:17
y	ARCH_HAS_ADD_PAGES	include/linux/memory_hotplug.h:193
y	ARCH_HAS_ASYNC_TX_FIND_CHANNEL	include/linux/async_tx.h:97
y	ARCH_HAS_CACHE_LINE_SIZE	include/linux/cache.h:84
y	ARCH_HAS_CC_PLATFORM	include/linux/cc_platform.h:95	arch/x86/include/asm/coco.h:17
y	ARCH_HAS_COPY_MC	include/linux/uio.h:231	arch/powerpc/include/asm/uaccess.h:368	arch/x86/include/asm/mce.h:194
y	ARCH_HAS_CPU_FINALIZE_INIT	include/linux/cpu.h:200
y	ARCH_HAS_CPU_RELAX	include/linux/cpuidle.h:248
y	ARCH_HAS_CURRENT_STACK_POINTER	arch/mips/include/asm/thread_info.h:72
y	ARCH_HAS_DMA_MAP_DIRECT	include/linux/dma-map-ops.h:350
y	ARCH_HAS_DMA_MARK_CLEAN	include/linux/dma-map-ops.h:339
y	ARCH_HAS_DMA_PREP_COHERENT	include/linux/dma-map-ops.h:331
y	ARCH_HAS_ELFCORE_COMPAT	include/linux/elfcore-compat.h:55
y	ARCH_HAS_ELF_RANDOMIZE	include/linux/elf-randomize.h:7
y	ARCH_HAS_FORCE_DMA_UNENCRYPTED	include/linux/dma-direct.h:90
m	ARCH_HAS_GIGANTIC_PAGE	include/asm-generic/hugetlb.h:156
y	ARCH_HAS_HUGEPD	include/linux/hugetlb.h:22	arch/powerpc/include/asm/pgtable-be-types.h:104	arch/powerpc/include/asm/pgtable-types.h:86
y	ARCH_HAS_ILOG2_U32	include/linux/log2.h:20
y	ARCH_HAS_ILOG2_U64	include/linux/log2.h:28
y	ARCH_HAS_MEMBARRIER_CALLBACKS	include/linux/sched/mm.h:417	include/linux/sched/mm.h:436
y	ARCH_HAS_MEM_ENCRYPT	include/linux/mem_encrypt.h:15	include/linux/set_memory.h:59
m	ARCH_HAS_NONLEAF_PMD_YOUNG	include/linux/pgtable.h:277
y	ARCH_HAS_NONLEAF_PMD_YOUNG	include/linux/pgtable.h:223
y	ARCH_HAS_PARANOID_L1D_FLUSH	include/linux/sched.h:1524
y	ARCH_HAS_PHYS_TO_DMA	include/linux/dma-direct.h:52
y	ARCH_HAS_PKEYS	include/linux/mm.h:334	include/linux/pkeys.h:9
y	ARCH_HAS_PMEM_API	include/linux/libnvdimm.h:305
y	ARCH_HAS_PTE_DEVMAP	include/linux/mm.h:2293	include/linux/pfn_t.h:100	include/linux/pgtable.h:1314
y	ARCH_HAS_PTE_SPECIAL	include/linux/mm.h:2281	include/linux/pfn_t.h:120	arch/mips/include/asm/pgtable-bits.h:55
y	ARCH_HAS_SCALED_CPUTIME	include/linux/sched/cputime.h:39	include/linux/sched.h:1022	arch/powerpc/include/asm/accounting.h:14
y	ARCH_HAS_SETUP_DMA_OPS	include/linux/dma-map-ops.h:364
y	ARCH_HAS_SET_DIRECT_MAP	include/linux/set_memory.h:17
y	ARCH_HAS_SET_MEMORY	include/linux/set_memory.h:8
y	ARCH_HAS_SUBPAGE_FAULTS	include/linux/uaccess.h:243	arch/arm64/include/asm/uaccess.h:463
y	ARCH_HAS_SYNC_CORE_BEFORE_USERMODE	include/linux/sync_core.h:5
y	ARCH_HAS_SYNC_DMA_FOR_CPU	include/linux/device.h:665	include/linux/dma-map-ops.h:264	include/linux/dma-map-ops.h:313
y	ARCH_HAS_SYNC_DMA_FOR_CPU_ALL	include/linux/device.h:666	include/linux/dma-map-ops.h:265	include/linux/dma-map-ops.h:323
y	ARCH_HAS_SYNC_DMA_FOR_DEVICE	include/linux/device.h:664	include/linux/dma-map-ops.h:263	include/linux/dma-map-ops.h:303
y	ARCH_HAS_SYSCALL_WRAPPER	include/linux/compat.h:26	include/linux/compat.h:574	include/linux/syscalls.h:90
y	ARCH_HAS_TEARDOWN_DMA_OPS	include/linux/dma-map-ops.h:374
y	ARCH_HAS_TICK_BROADCAST	include/linux/clockchips.h:202
y	ARCH_HAS_UACCESS_FLUSHCACHE	include/linux/uio.h:219	arch/arm64/include/asm/string.h:46	arch/arm64/include/asm/uaccess.h:451
y	ARCH_HAS_VDSO_DATA	include/vdso/datapage.h:22
y	ARCH_HAVE_CUSTOM_GPIO_H	include/linux/gpio.h:58
y	ARCH_HAVE_ELF_PROT	include/linux/elf.h:100
y	ARCH_IXP4XX	include/linux/soc/ixp4xx/cpu.h:84
y	ARCH_KEEP_MEMBLOCK	include/linux/memblock.h:100
y	ARCH_LPC32XX	include/linux/soc/nxp/lpc32xx-misc.h:14
y	ARCH_MMP	include/linux/soc/pxa/mfp.h:421	include/linux/spi/pxa2xx_spi.h:47
y	ARCH_NEEDS_CPU_IDLE_COUPLED	include/linux/cpuidle.h:109	include/linux/cpuidle.h:240
y	ARCH_NO_SG_CHAIN	include/linux/scatterlist.h:466
y	ARCH_NR_GPIO	include/asm-generic/gpio.h:28	include/asm-generic/gpio.h:28
v	ARCH_NR_GPIO	include/asm-generic/gpio.h:29
y	ARCH_OMAP	arch/arm/include/asm/device.h:18
y	ARCH_OMAP1	include/linux/omap-dma.h:93	include/linux/omap-dma.h:227	include/linux/omap-dma.h:297
y	ARCH_OMAP15XX	include/linux/soc/ti/omap1-soc.h:39	include/linux/soc/ti/omap1-soc.h:109	include/linux/soc/ti/omap1-soc.h:126
y	ARCH_OMAP16XX	include/linux/soc/ti/omap1-soc.h:47	include/linux/soc/ti/omap1-soc.h:113	include/linux/soc/ti/omap1-soc.h:130
y	ARCH_OMAP2	include/linux/usb/musb.h:138
y	ARCH_OMAP2PLUS	include/linux/omap-dma.h:284
y	ARCH_OMAP730	include/linux/soc/ti/omap1-soc.h:23	include/linux/soc/ti/omap1-soc.h:101	include/linux/soc/ti/omap1-soc.h:118
y	ARCH_OMAP850	include/linux/soc/ti/omap1-soc.h:31	include/linux/soc/ti/omap1-soc.h:105	include/linux/soc/ti/omap1-soc.h:122
y	ARCH_PXA	include/linux/spi/pxa2xx_spi.h:47	arch/arm/include/asm/hardware/sa1111.h:170
y	ARCH_RPC	arch/arm/include/asm/hardware/iomd.h:61	arch/arm/include/asm/hardware/iomd.h:71	arch/arm/include/asm/hardware/iomd.h:76
y	ARCH_RV64I	arch/riscv/include/asm/extable.h:37
y	ARCH_S3C64XX	include/linux/soc/samsung/s3c-pm.h:53
y	ARCH_SPEAR3XX	include/linux/clk/spear.h:11
y	ARCH_SPEAR6XX	include/linux/clk/spear.h:19
y	ARCH_SPLIT_ARG64	include/linux/syscalls.h:967
y	ARCH_STACKWALK	include/linux/stacktrace.h:11	include/linux/stacktrace.h:80
y	ARCH_SUPPORTS_CFI_CLANG	include/asm-generic/vmlinux.lds.h:165
y	ARCH_SUPPORTS_INT128	include/linux/math64.h:157
y	ARCH_TASK_STRUCT_ON_STACK	include/linux/init_task.h:41	include/linux/sched.h:1946
y	ARCH_TEGRA	include/linux/clk/tegra.h:45	include/linux/clk/tegra.h:109	include/soc/tegra/common.h:23
y	ARCH_TEGRA_210_SOC	include/linux/clk/tegra.h:209
y	ARCH_TEGRA_2x_SOC	include/linux/clk/tegra.h:180
y	ARCH_TEGRA_3x_SOC	include/linux/clk/tegra.h:180
y	ARCH_USES_CFI_TRAPS	include/asm-generic/vmlinux.lds.h:445	include/linux/cfi.h:23	include/linux/cfi.h:29
y	ARCH_USES_HIGH_VMA_FLAGS	include/linux/mm.h:321
y	ARCH_USES_PG_UNCACHED	include/linux/page-flags.h:125	include/linux/page-flags.h:571	include/trace/events/mmflags.h:76
y	ARCH_USE_BUILTIN_BSWAP	include/linux/compiler-clang.h:68	include/linux/compiler-gcc.h:89
m	ARCH_USE_CMPXCHG_LOCKREF	include/linux/lockref.h:22
y	ARCH_USE_GNU_PROPERTY	include/linux/elf.h:88
y	ARCH_USE_SYM_ANNOTATIONS	include/linux/linkage.h:108	include/linux/linkage.h:124
y	ARCH_WANTS_DYNAMIC_TASK_STRUCT	include/linux/sched/task.h:162
y	ARCH_WANTS_MODULES_DATA_IN_VMALLOC	include/linux/module.h:426	include/linux/module.h:586
y	ARCH_WANT_BATCHED_UNMAP_TLB_FLUSH	include/linux/mm_types.h:695	include/linux/mm_types_task.h:18	include/linux/mm_types_task.h:65
y	ARCH_WANT_HUGETLB_PAGE_OPTIMIZE_VMEMMAP	include/linux/mm.h:3410
y	ARCH_WANT_HUGE_PMD_SHARE	include/asm-generic/tlb.h:699	include/linux/hugetlb.h:1240	include/linux/mm.h:2605
y	ARCH_WEAK_RELEASE_ACQUIRE	include/linux/rcupdate.h:1063
y	ARM	include/drm/drm_cache.h:52	include/linux/arm-smccc.h:382	include/linux/eventpoll.h:71
y	ARM64	include/drm/drm_cache.h:52	include/linux/acpi.h:282	include/linux/acpi.h:288
y	ARM64_16K_PAGES	arch/arm64/include/asm/kernel-pgtable.h:132	arch/arm64/include/asm/kvm_arm.h:182	arch/arm64/include/asm/sysreg.h:812
y	ARM64_4K_PAGES	arch/arm64/include/asm/kernel-pgtable.h:21	arch/arm64/include/asm/kernel-pgtable.h:130	arch/arm64/include/asm/kvm_pgtable.h:22
y	ARM64_64K_PAGES	arch/arm64/include/asm/kvm_arm.h:177	arch/arm64/include/asm/pgtable.h:599	arch/arm64/include/asm/processor.h:58
y	ARM64_ACPI_PARKING_PROTOCOL	arch/arm64/include/asm/acpi.h:120	arch/arm64/include/asm/smp.h:91
y	ARM64_AMU_EXTN	arch/arm64/include/asm/cpufeature.h:882
m	ARM64_BTI	arch/arm64/include/asm/cpufeature.h:826
y	ARM64_BTI_KERNEL	arch/arm64/include/asm/assembler.h:840	arch/arm64/include/asm/pgtable-prot.h:78
m	ARM64_CNP	arch/arm64/include/asm/cpufeature.h:785
v	ARM64_CONT_PMD_SHIFT	arch/arm64/include/asm/pgtable-hwdef.h:82
v	ARM64_CONT_PTE_SHIFT	arch/arm64/include/asm/pgtable-hwdef.h:77
m	ARM64_DEBUG_PRIORITY_MASKING	arch/arm64/include/asm/cpufeature.h:820
m	ARM64_ERRATUM_843419	arch/arm64/include/asm/module.h:55
y	ARM64_FORCE_52BIT	arch/arm64/include/asm/elf.h:130	arch/arm64/include/asm/processor.h:78	arch/arm64/include/asm/processor.h:94
m	ARM64_HW_AFDBM	arch/arm64/include/asm/cpufeature.h:863
y	ARM64_LSE_ATOMICS	arch/arm64/include/asm/insn.h:587	arch/arm64/include/asm/lse.h:7
y	ARM64_MODULE_PLTS	arch/arm64/include/asm/module.h:10	arch/arm64/include/asm/module.lds.h:2
m	ARM64_MTE	arch/arm64/include/asm/cpufeature.h:814
y	ARM64_MTE	include/linux/mm.h:365	arch/arm64/include/asm/kvm_mte.h:12	arch/arm64/include/asm/mte-kasan.h:16
v	ARM64_PAGE_SHIFT	arch/arm64/include/asm/page-def.h:14
m	ARM64_PAN	arch/arm64/include/asm/cpufeature.h:750
v	ARM64_PAN	arch/arm64/include/asm/uaccess.h:130	arch/arm64/include/asm/uaccess.h:136
v	ARM64_PA_BITS	arch/arm64/include/asm/cpufeature.h:854	arch/arm64/include/asm/pgtable-hwdef.h:180	arch/arm64/include/asm/sparsemem.h:8
y	ARM64_PA_BITS_52	arch/arm64/include/asm/assembler.h:641	arch/arm64/include/asm/assembler.h:650	arch/arm64/include/asm/assembler.h:663
m	ARM64_PSEUDO_NMI	arch/arm64/include/asm/cpufeature.h:808
y	ARM64_PSEUDO_NMI	arch/arm64/include/asm/barrier.h:45	arch/arm64/include/asm/cpuidle.h:7
m	ARM64_PTR_AUTH	arch/arm64/include/asm/cpufeature.h:791	arch/arm64/include/asm/cpufeature.h:797
y	ARM64_PTR_AUTH	include/linux/stackprotector.h:9	arch/arm64/include/asm/asm_pointer_auth.h:46	arch/arm64/include/asm/kvm_host.h:597
y	ARM64_PTR_AUTH_KERNEL	arch/arm64/include/asm/asm_pointer_auth.h:10	arch/arm64/include/asm/pointer_auth.h:44	arch/arm64/include/asm/pointer_auth.h:142
y	ARM64_RAS_EXTN	arch/arm64/include/asm/assembler.h:97
m	ARM64_SME	arch/arm64/include/asm/cpufeature.h:768	arch/arm64/include/asm/cpufeature.h:774
y	ARM64_SME	arch/arm64/include/asm/fpsimd.h:214	arch/arm64/include/asm/fpsimd.h:305
m	ARM64_SVE	arch/arm64/include/asm/cpufeature.h:762
y	ARM64_SVE	arch/arm64/include/asm/fpsimd.h:156	arch/arm64/include/asm/fpsimd.h:208
m	ARM64_SW_TTBR0_PAN	arch/arm64/include/asm/cpufeature.h:756
y	ARM64_SW_TTBR0_PAN	arch/arm64/include/asm/asm-uaccess.h:15	arch/arm64/include/asm/mmu_context.h:198	arch/arm64/include/asm/thread_info.h:26
m	ARM64_TAGGED_ADDR_ABI	arch/arm64/include/asm/uaccess.h:45
y	ARM64_TAGGED_ADDR_ABI	arch/arm64/include/asm/processor.h:398
m	ARM64_TLB_RANGE	arch/arm64/include/asm/cpufeature.h:831
v	ARM64_VA_BITS	arch/arm64/include/asm/memory.h:43
y	ARM64_VA_BITS_52	arch/arm64/include/asm/assembler.h:613	arch/arm64/include/asm/assembler.h:628	arch/arm64/include/asm/pgtable-hwdef.h:289
y	ARM_AMBA	include/linux/amba/bus.h:115
m	ARM_ARCH_TIMER	arch/arm/include/asm/vdso/gettimeofday.h:112
y	ARM_ARCH_TIMER	include/clocksource/arm_arch_timer.h:85	arch/arm/include/asm/arch_timer.h:15	arch/arm/include/asm/vdso/gettimeofday.h:119
m	ARM_ARCH_TIMER_OOL_WORKAROUND	arch/arm64/include/asm/arch_timer.h:23
y	ARM_CCI	include/linux/arm-cci.h:18
y	ARM_CCI400_PORT_CTRL	include/linux/arm-cci.h:24
y	ARM_CPU_TOPOLOGY	arch/arm/include/asm/topology.h:5
y	ARM_DMA_MEM_BUFFERABLE	arch/arm/include/asm/barrier.h:63	arch/arm/include/asm/io.h:173	arch/arm/include/asm/pgtable.h:127
y	ARM_DMA_USE_IOMMU	arch/arm/include/asm/device.h:9	arch/arm/include/asm/device.h:23
y	ARM_ERRATA_411920	arch/arm/include/asm/cacheflush.h:199
y	ARM_ERRATA_720789	arch/arm/include/asm/tlbflush.h:402	arch/arm/include/asm/tlbflush.h:462
y	ARM_ERRATA_754327	arch/arm/include/asm/vdso/processor.h:10
m	ARM_ERRATA_798181	arch/arm/include/asm/tlbflush.h:670
y	ARM_ERRATA_798181	arch/arm/include/asm/highmem.h:44	arch/arm/include/asm/mmu_context.h:48	arch/arm/include/asm/tlbflush.h:661
m	ARM_FFA_TRANSPORT	include/linux/arm_ffa.h:51
y	ARM_GIC_V3_ITS	arch/arm64/include/asm/memory.h:380
y	ARM_HAS_GROUP_RELOCS	arch/arm/include/asm/assembler.h:688	arch/arm/include/asm/assembler.h:754	arch/arm/include/asm/current.h:40
y	ARM_HEAVY_MB	arch/arm/include/asm/barrier.h:55
v	ARM_L1_CACHE_SHIFT	arch/arm/include/asm/cache.h:8
m	ARM_LPAE	arch/arm/include/asm/mmu_context.h:29	arch/arm/include/asm/pgalloc.h:139
y	ARM_LPAE	arch/arm/include/asm/atomic.h:252	arch/arm/include/asm/bug.h:69	arch/arm/include/asm/memory.h:85
y	ARM_MODULE_PLTS	arch/arm/include/asm/assembler.h:689	arch/arm/include/asm/assembler.h:755	arch/arm/include/asm/current.h:41
y	ARM_MPU	arch/arm/include/asm/mpu.h:118
y	ARM_PATCH_PHYS_VIRT	arch/arm/include/asm/memory.h:178	arch/arm/include/asm/vermagic.h:13
y	ARM_PMU	include/linux/perf/arm_pmu.h:17
y	ARM_PSCI	arch/arm/include/asm/psci.h:12
y	ARM_PSCI_FW	include/linux/psci.h:46	include/linux/psci.h:52
y	ARM_PTDUMP_CORE	arch/arm/include/asm/ptdump.h:6
y	ARM_PTDUMP_DEBUGFS	arch/arm/include/asm/ptdump.h:23
y	ARM_S3C24XX_CPUFREQ_DEBUG	include/linux/soc/samsung/s3c-cpufreq-core.h:259
y	ARM_S3C24XX_CPUFREQ_DEBUGFS	include/linux/soc/samsung/s3c-cpufreq-core.h:201
y	ARM_S3C24XX_CPUFREQ_IODEBUG	include/linux/soc/samsung/s3c-cpufreq-core.h:265
y	ARM_S3C_CPUFREQ	include/linux/soc/samsung/s3c-cpu-freq.h:127	include/linux/soc/samsung/s3c-cpu-freq.h:135
m	ARM_SCMI_PROTOCOL	include/linux/scmi_protocol.h:823
m	ARM_SCPI_PROTOCOL	include/linux/scpi_protocol.h:81
y	ARM_SDE_INTERFACE	include/linux/arm_sdei.h:10	include/linux/arm_sdei.h:45	arch/arm64/include/asm/fixmap.h:58
y	ARM_TEGRA_CPUIDLE	include/soc/tegra/cpuidle.h:9
y	ARM_THUMB	include/linux/pstore.h:224	arch/arm/include/asm/ptrace.h:30
y	ARM_THUMBEE	arch/arm/include/asm/thread_info.h:73
y	ARM_UNWIND	arch/arm/include/asm/ftrace.h:38	arch/arm/include/asm/module.h:8	arch/arm/include/asm/module.h:28
y	ARM_VIRT_EXT	arch/arm/include/asm/virt.h:21
y	ARN5206	arch/m68k/include/asm/mcf8390.h:38
y	ARN5307	arch/m68k/include/asm/mcf8390.h:113
y	ASSOCIATIVE_ARRAY	include/linux/assoc_array.h:13	include/linux/assoc_array_priv.h:13
m	ASUS_WMI	include/linux/platform_data/x86/asus-wmi.h:123
y	ASYNC_TX_CHANNEL_SWITCH	include/linux/async_tx.h:77
y	ASYNC_TX_DMA	include/linux/dmaengine.h:1342
y	ASYNC_TX_ENABLE_CHANNEL_SWITCH	include/linux/dmaengine.h:615	include/linux/dmaengine.h:657	include/linux/dmaengine.h:1345
y	AS_CFI_VAL_OFFSET	arch/s390/include/asm/dwarf.h:14
y	AS_HAS_INSN	arch/riscv/include/asm/insn-def.h:17	arch/riscv/include/asm/insn-def.h:42
y	AS_HAS_LDAPR	arch/arm64/include/asm/rwonce.h:15
y	AS_TPAUSE	arch/x86/include/asm/mwait.h:140
y	AS_VFP_VMRS_FPINST	arch/arm/include/asm/vfp.h:12	arch/arm/include/asm/vfpmacros.h:11
m	ATA	include/linux/libata.h:1088
y	ATAGS	include/linux/clk/ti.h:324
y	ATAGS_PROC	arch/arm/include/asm/setup.h:25
m	ATALK	include/linux/atalk.h:116	include/linux/netdevice.h:2189
y	ATARI	arch/m68k/include/asm/io_mm.h:31	arch/m68k/include/asm/irq.h:18	arch/m68k/include/asm/mc146818rtc.h:9
y	ATARI_ROM_ISA	arch/m68k/include/asm/io_mm.h:72	arch/m68k/include/asm/io_mm.h:91	arch/m68k/include/asm/io_mm.h:109
y	ATA_ACPI	include/linux/libata.h:665	include/linux/libata.h:870	include/linux/libata.h:1290
y	ATA_BMDMA	include/linux/libata.h:565	include/linux/libata.h:818	include/linux/libata.h:961
y	ATA_NONSTANDARD	include/linux/libata.h:31
y	ATA_SFF	include/linux/libata.h:550	include/linux/libata.h:812	include/linux/libata.h:942
y	ATMEL_PM	include/linux/platform_data/atmel.h:10
y	AUDIT	include/linux/audit.h:145	include/linux/lsm_hook_defs.h:383	include/linux/sched/signal.h:222
y	AUDITSYSCALL	include/linux/audit.h:87	include/linux/audit.h:282	include/linux/sched.h:1119
y	AUDIT_COMPAT_GENERIC	include/linux/audit.h:272
m	AX25	include/linux/netdevice.h:152	include/linux/netdevice.h:2192	include/net/ax25.h:338
y	AX25_DAMA_MASTER	include/net/ax25.h:119	include/net/ax25.h:227
y	AX25_DAMA_SLAVE	include/net/ax25.h:117	include/net/ax25.h:227
m	BACKLIGHT_APPLE	include/linux/apple_bl.h:9
y	BACKLIGHT_APPLE	include/linux/apple_bl.h:9
m	BACKLIGHT_CLASS_DEVICE	include/drm/display/drm_dp_helper.h:676	include/drm/drm_panel.h:226	include/linux/backlight.h:479
y	BACKLIGHT_CLASS_DEVICE	include/drm/display/drm_dp_helper.h:675	include/drm/drm_panel.h:225
m	BALLOON_COMPACTION	include/linux/balloon_compaction.h:139
y	BALLOON_COMPACTION	include/linux/balloon_compaction.h:79	include/linux/vm_event_item.h:122
y	BASE_SMALL	arch/x86/include/asm/mpspec.h:18
v	BASE_SMALL	include/linux/threads.h:28	include/linux/threads.h:34	include/linux/udp.h:26
m	BCACHE	include/linux/sched.h:1460
y	BCACHE	include/linux/sched.h:1460
y	BCM47XX_BCMA	arch/mips/include/asm/mach-bcm47xx/bcm47xx.h:19	arch/mips/include/asm/mach-bcm47xx/bcm47xx.h:28	arch/mips/include/asm/mach-bcm47xx/cpu-feature-overrides.h:12
y	BCM47XX_NVRAM	include/linux/bcm47xx_nvram.h:13
y	BCM47XX_SPROM	include/linux/bcm47xx_sprom.h:14
y	BCM47XX_SSB	arch/mips/include/asm/mach-bcm47xx/bcm47xx.h:16	arch/mips/include/asm/mach-bcm47xx/bcm47xx.h:25	arch/mips/include/asm/mach-bcm47xx/cpu-feature-overrides.h:12
y	BCM63XX_CPU_3368	arch/mips/include/asm/mach-bcm63xx/bcm63xx_cpu.h:29
y	BCM63XX_CPU_6328	arch/mips/include/asm/mach-bcm63xx/bcm63xx_cpu.h:33
y	BCM63XX_CPU_6338	arch/mips/include/asm/mach-bcm63xx/bcm63xx_cpu.h:37
y	BCM63XX_CPU_6345	arch/mips/include/asm/mach-bcm63xx/bcm63xx_cpu.h:41
y	BCM63XX_CPU_6348	arch/mips/include/asm/mach-bcm63xx/bcm63xx_cpu.h:45
y	BCM63XX_CPU_6358	arch/mips/include/asm/mach-bcm63xx/bcm63xx_cpu.h:49
y	BCM63XX_CPU_6362	arch/mips/include/asm/mach-bcm63xx/bcm63xx_cpu.h:53
y	BCM63XX_CPU_6368	arch/mips/include/asm/mach-bcm63xx/bcm63xx_cpu.h:57
y	BCMA_BLOCKIO	include/linux/bcma/bcma.h:50	include/linux/bcma/bcma.h:394
y	BCMA_DRIVER_GPIO	include/linux/bcma/bcma_driver_chipcommon.h:652
y	BCMA_DRIVER_MIPS	include/linux/bcma/bcma_driver_chipcommon.h:613	include/linux/bcma/bcma_driver_chipcommon.h:643
y	BCMA_DRIVER_PCI	include/linux/bcma/bcma_driver_pci.h:242
y	BCMA_DRIVER_PCI_HOSTMODE	include/linux/bcma/bcma_driver_pci.h:211	include/linux/bcma/bcma_driver_pci.h:231	include/linux/bcma/bcma_driver_pci.h:250
y	BCMA_HOST_PCI	include/linux/bcma/bcma.h:452
y	BCMA_NFLASH	include/linux/bcma/bcma_driver_chipcommon.h:602	include/linux/bcma/bcma_driver_chipcommon.h:639
y	BCMA_PFLASH	include/linux/bcma/bcma_driver_chipcommon.h:585	include/linux/bcma/bcma_driver_chipcommon.h:633
y	BCMA_SFLASH	include/linux/bcma/bcma_driver_chipcommon.h:591	include/linux/bcma/bcma_driver_chipcommon.h:636
y	BDI_SWITCH	arch/powerpc/include/asm/cputable.h:264
y	BIG_LITTLE	arch/arm/include/asm/proc-fns.h:104
y	BINARY_PRINTF	include/linux/seq_buf.h:166	include/linux/seq_file.h:173	include/linux/string.h:251
m	BINFMT_ELF_FDPIC	arch/arm/include/asm/processor.h:56	arch/arm/include/asm/processor.h:62
y	BINFMT_ELF_FDPIC	include/asm-generic/mmu.h:13	arch/arm/include/asm/mmu.h:18	arch/arm/include/asm/mmu.h:41
m	BLK_CGROUP	include/linux/cgroup_subsys.h:24
y	BLK_CGROUP	include/linux/bio.h:498	include/linux/blk-cgroup.h:25	include/linux/blk_types.h:268
y	BLK_CGROUP_IOCOST	include/linux/blk_types.h:277
y	BLK_DEBUG_FS	include/linux/blk-mq.h:432	include/linux/blk-mq.h:653
y	BLK_DEV_INITRD	include/asm-generic/vmlinux.lds.h:976	include/linux/initrd.h:21
y	BLK_DEV_INTEGRITY	include/linux/bio.h:346	include/linux/bio.h:667	include/linux/bio.h:693
y	BLK_DEV_IO_TRACE	include/linux/blkdev.h:495	include/linux/blktrace_api.h:12	include/linux/sched.h:823
y	BLK_DEV_MD	include/linux/raid/detect.h:5
y	BLK_DEV_THROTTLING	include/linux/blkdev.h:519
m	BLK_DEV_ZONED	include/linux/blkdev.h:652
y	BLK_DEV_ZONED	include/linux/blk-mq.h:1152	include/linux/blkdev.h:167	include/linux/blkdev.h:325
y	BLK_ICQ	include/linux/iocontext.h:105
y	BLK_INLINE_ENCRYPTION	include/linux/blk-crypto.h:74	include/linux/blk-mq.h:138	include/linux/blk_types.h:282
y	BLK_RQ_ALLOC_TIME	include/linux/blk-mq.h:109	include/linux/blkdev.h:608
y	BLK_SED_OPAL	include/linux/sed-opal.h:21
y	BLK_WBT	include/linux/blk-mq.h:118
m	BLOCK	include/linux/fs.h:2898
y	BLOCK	include/linux/blkdev.h:981	include/linux/blkdev.h:1485	include/linux/blkdev.h:1508
y	BLOCK_HOLDER_DEPRECATED	include/linux/blkdev.h:160	include/linux/blkdev.h:839
y	BL_SWITCHER	arch/arm/include/asm/bL_switcher.h:38	arch/arm/include/asm/topology.h:11
y	BOARD_SCACHE	arch/mips/include/asm/bcache.h:29
m	BOOKE	arch/powerpc/include/asm/hw_irq.h:427	arch/powerpc/include/asm/hw_irq.h:437	arch/powerpc/include/asm/nohash/32/pgalloc.h:20
y	BOOKE	arch/powerpc/include/asm/barrier.h:45	arch/powerpc/include/asm/cputhreads.h:100	arch/powerpc/include/asm/interrupt.h:10
m	BOOKE_OR_40x	arch/powerpc/include/asm/hw_irq.h:66	arch/powerpc/include/asm/hw_irq.h:78	arch/powerpc/include/asm/hw_irq.h:90
y	BOOKE_OR_40x	arch/powerpc/include/asm/irq.h:39	arch/powerpc/include/asm/kup.h:17	arch/powerpc/include/asm/processor.h:162
y	BOOTINFO_PROC	arch/m68k/include/asm/bootinfo.h:19
y	BOOT_CONFIG_EMBED	include/linux/bootconfig.h:301
y	BPF	include/linux/tcp.h:387	include/net/tcp.h:2415
y	BPF_EVENTS	include/asm-generic/vmlinux.lds.h:269	include/linux/bpf_types.h:38	include/linux/module.h:474
y	BPF_JIT	include/linux/bpf.h:1019	include/linux/bpf.h:1398	include/linux/bpf_types.h:70
y	BPF_JIT_ALWAYS_ON	include/linux/bpf.h:2080	include/linux/filter.h:887
y	BPF_LIRC_MODE2	include/linux/bpf_lirc.h:7	include/linux/bpf_types.h:60
y	BPF_LSM	include/linux/bpf-cgroup-defs.h:13	include/linux/bpf.h:1465	include/linux/bpf.h:2866
m	BPF_STREAM_PARSER	include/linux/skmsg.h:89	include/linux/skmsg.h:399
y	BPF_STREAM_PARSER	include/net/tcp.h:2369
y	BPF_SYSCALL	include/linux/bpf.h:1398	include/linux/bpf.h:1657	include/linux/bpf.h:1666
y	BQL	include/linux/netdevice.h:645	include/linux/netdevice.h:3381	include/linux/netdevice.h:3395
m	BRIDGE	include/linux/if_bridge.h:70	include/linux/if_bridge.h:111	include/linux/if_bridge.h:173
m	BRIDGE_IGMP_SNOOPING	include/linux/if_bridge.h:70
m	BRIDGE_MRP	include/soc/mscc/ocelot.h:1313
m	BRIDGE_NETFILTER	include/linux/netfilter_bridge.h:15	include/linux/skbuff.h:292	include/linux/skbuff.h:4704
m	BRIDGE_VLAN_FILTERING	include/linux/if_bridge.h:111
y	BROKEN_GAS_INST	arch/arm64/include/asm/sysreg.h:52
y	BSD_PROCESS_ACCT	include/linux/acct.h:22	include/linux/pid_namespace.h:27	include/linux/sched/signal.h:216
y	BSD_PROCESS_ACCT_V3	include/linux/acct.h:47
m	BT_AOSPEXT	include/net/bluetooth/hci_core.h:627	include/net/bluetooth/hci_core.h:1520
m	BT_BREDR	include/net/bluetooth/bluetooth.h:607	include/net/bluetooth/hci_core.h:828
m	BT_FEATURE_DEBUG	include/net/bluetooth/bluetooth.h:232	include/net/bluetooth/bluetooth.h:247
m	BT_LE	include/net/bluetooth/bluetooth.h:621	include/net/bluetooth/hci_core.h:843
m	BT_LEDS	include/net/bluetooth/hci_core.h:617
m	BT_MSFTEXT	include/net/bluetooth/hci_core.h:621	include/net/bluetooth/hci_core.h:1513
y	BT_RFCOMM_TTY	include/net/bluetooth/rfcomm.h:367
m	BUG	include/linux/thread_info.h:216
y	BUG	include/asm-generic/bug.h:30	include/linux/netdevice.h:4869	arch/alpha/include/asm/bug.h:7
m	BUG_ON_DATA_CORRUPTION	include/linux/bug.h:85
v	BUILD_SALT	include/linux/build-salt.h:11	include/linux/build-salt.h:16
m	BUILTIN_DTB	arch/mips/include/asm/bootinfo.h:133
y	BVME6000	arch/m68k/include/asm/setup.h:38	arch/m68k/include/asm/setup.h:52	arch/m68k/include/asm/setup.h:66
y	CACHE_B15_RAC	arch/arm/include/asm/glue-cache.h:117
y	CACHE_BOTH	arch/m68k/include/asm/m52xxacr.h:68
y	CACHE_COPYBACK	arch/m68k/include/asm/m53xxacr.h:73	arch/m68k/include/asm/m54xxacr.h:100	arch/m68k/include/asm/m54xxacr.h:116
y	CACHE_D	arch/m68k/include/asm/m52xxacr.h:65
y	CACHE_I	arch/m68k/include/asm/m52xxacr.h:62
m	CACHE_L2X0	include/linux/firmware/trusted_foundations.h:62
y	CACHE_L2X0	arch/arm/include/asm/hardware/cache-l2x0.h:150
y	CACHE_L2X0_PMU	arch/arm/include/asm/hardware/cache-l2x0.h:159
y	CACHE_UNIPHIER	arch/arm/include/asm/hardware/cache-uniphier.h:12
m	CAN	include/net/net_namespace.h:174
y	CAN_CALC_BITTIMING	include/linux/can/bittiming.h:117
y	CARDBUS	include/pcmcia/ss.h:19	include/pcmcia/ss.h:179
v	CAVIUM_OCTEON_CVMSEG_SIZE	arch/mips/include/asm/mach-cavium-octeon/kernel-entry-init.h:33	arch/mips/include/asm/mach-cavium-octeon/kernel-entry-init.h:73	arch/mips/include/asm/processor.h:206
y	CB710_DEBUG	include/linux/cb710.h:106
y	CB710_DEBUG_ASSUMPTIONS	include/linux/cb710.h:33
m	CCWGROUP	arch/s390/include/asm/ccwgroup.h:66
y	CC_HAS_ASM_GOTO_OUTPUT	arch/powerpc/include/asm/uaccess.h:150	arch/x86/include/asm/uaccess.h:278	arch/x86/include/asm/uaccess.h:565
y	CC_HAS_ASM_GOTO_TIED_OUTPUT	arch/x86/include/asm/uaccess.h:394
y	CC_HAS_ASM_INLINE	include/linux/compiler_types.h:321
y	CC_HAS_K_CONSTRAINT	arch/arm64/include/asm/atomic_ll_sc.h:15
y	CC_IS_CLANG	arch/arm/include/asm/current.h:24	arch/arm64/include/asm/neon-intrinsics.h:36	arch/powerpc/include/asm/asm-compat.h:42
y	CC_IS_GCC	include/linux/seqlock.h:1294	arch/riscv/include/asm/ftrace.h:20
m	CDROM	include/linux/blkdev.h:189	include/linux/blkdev.h:233
y	CDROM_PKTCDVD_WCACHE	include/uapi/linux/pktcdvd.h:37
m	CEC_CORE	include/media/cec-notifier.h:20	include/media/cec.h:315
m	CEC_NOTIFIER	include/media/cec-notifier.h:20
y	CEC_NOTIFIER	include/media/cec.h:268
y	CEC_PIN	include/media/cec.h:271
y	CEPH_LIB_PRETTYDEBUG	include/linux/ceph/ceph_debug.h:9
y	CEVT_R4K	arch/mips/include/asm/time.h:46
m	CFG80211	include/linux/netdevice.h:2195	include/net/cfg80211.h:2137	include/net/cfg80211.h:8708
y	CFG80211_WEXT	include/net/cfg80211.h:5561	include/net/cfg80211.h:6042
y	CFI_CLANG	include/linux/cfi.h:13	include/linux/cfi_types.h:11	arch/x86/include/asm/cfi.h:13
y	CGROUPS	include/linux/bpf_types.h:87	include/linux/cgroup-defs.h:25	include/linux/cgroup.h:32
y	CGROUP_BPF	include/linux/bpf-cgroup-defs.h:5	include/linux/bpf-cgroup.h:33	include/linux/bpf.h:191
m	CGROUP_CPUACCT	include/linux/cgroup_subsys.h:20
y	CGROUP_CPUACCT	include/linux/cgroup.h:775
m	CGROUP_DEBUG	include/linux/cgroup_subsys.h:71
m	CGROUP_DEVICE	include/linux/cgroup_subsys.h:32
y	CGROUP_DEVICE	include/linux/device_cgroup.h:14
m	CGROUP_FREEZER	include/linux/cgroup_subsys.h:36
y	CGROUP_FREEZER	include/linux/freezer.h:64
m	CGROUP_HUGETLB	include/linux/cgroup_subsys.h:52
y	CGROUP_HUGETLB	include/linux/hugetlb.h:43	include/linux/hugetlb.h:74	include/linux/hugetlb.h:109
m	CGROUP_MISC	include/linux/cgroup_subsys.h:64
y	CGROUP_MISC	include/linux/misc_cgroup.h:26
m	CGROUP_NET_CLASSID	include/linux/cgroup_subsys.h:40
y	CGROUP_NET_CLASSID	include/linux/cgroup-defs.h:792	include/linux/cgroup-defs.h:811	include/linux/cgroup-defs.h:829
m	CGROUP_NET_PRIO	include/linux/cgroup_subsys.h:48	include/linux/netdevice.h:2358	include/net/netprio_cgroup.h:15
y	CGROUP_NET_PRIO	include/linux/cgroup-defs.h:795	include/linux/cgroup-defs.h:802	include/linux/cgroup-defs.h:821
m	CGROUP_PERF	include/linux/cgroup_subsys.h:44
y	CGROUP_PERF	include/linux/perf_event.h:805	include/linux/perf_event.h:879	include/linux/perf_event.h:914
m	CGROUP_PIDS	include/linux/cgroup_subsys.h:56
m	CGROUP_RDMA	include/linux/cgroup_subsys.h:60
y	CGROUP_RDMA	include/linux/cgroup_rdma.h:17	include/rdma/ib_verbs.h:1497	include/rdma/ib_verbs.h:2759
m	CGROUP_SCHED	include/linux/cgroup_subsys.h:16
y	CGROUP_SCHED	include/linux/sched/autogroup.h:28	include/linux/sched.h:799
y	CGROUP_WRITEBACK	include/linux/backing-dev-defs.h:148	include/linux/backing-dev-defs.h:189	include/linux/backing-dev-defs.h:212
y	CHASSIS_LCD_LED	arch/parisc/include/asm/led.h:33
y	CHECKPOINT_RESTORE	include/linux/ipc_namespace.h:25	include/linux/seccomp.h:107
y	CLANG_VERSION	include/linux/compiler-clang.h:141	include/linux/compiler-clang.h:147	arch/arm/include/asm/current.h:24
m	CLKSRC_MIPS_GIC	arch/mips/include/asm/vdso/gettimeofday.h:208
y	CLKSRC_MIPS_GIC	arch/mips/include/asm/vdso/gettimeofday.h:168	arch/mips/include/asm/vdso/gettimeofday.h:193	arch/mips/include/asm/vdso/vdso.h:66
y	CLKSRC_SAMSUNG_PWM	include/clocksource/samsung_pwm.h:17
y	CLK_R9A06G032	include/linux/soc/renesas/r9a06g032-sysctrl.h:5
y	CLK_RENESAS_CPG_MSSR	include/linux/clk/renesas.h:28
y	CLK_RENESAS_CPG_MSTP	include/linux/clk/renesas.h:20
m	CLK_TEGRA_BPMP	include/soc/tegra/bpmp.h:169
y	CLOCKSOURCE_WATCHDOG	include/linux/clocksource.h:123
y	CLOCK_FREQ	arch/m68k/include/asm/coldfire.h:23	arch/m68k/include/asm/m525xsim.h:260
v	CLOCK_FREQ	arch/m68k/include/asm/coldfire.h:24
y	CLONE_BACKWARDS	include/linux/syscalls.h:887
y	CLONE_BACKWARDS3	include/linux/syscalls.h:891
y	CMA	include/linux/gfp.h:373	include/linux/hugetlb.h:1232	include/linux/mm.h:1650
y	CMA_AREAS	include/linux/cma.h:13
v	CMA_AREAS	include/linux/cma.h:14
y	COLDFIRE	include/linux/flat.h:67	arch/m68k/include/asm/atomic.h:26	arch/m68k/include/asm/bitops.h:58
y	COLDFIRE_SW_A7	arch/m68k/include/asm/entry.h:54	arch/m68k/include/asm/m53xxacr.h:80	arch/m68k/include/asm/processor.h:17
v	COMMAND_LINE_SIZE	arch/s390/include/asm/setup.h:15
y	COMMON_CLK	include/linux/clk/clk-conf.h:14	include/linux/clk-provider.h:1280	include/linux/clk.h:92
v	COMMON_CLK	include/asm-generic/vmlinux.lds.h:313
m	COMPACTION	include/linux/gfp.h:350
y	COMPACTION	include/linux/compaction.h:83	include/linux/compaction.h:230	include/linux/migrate.h:106
m	COMPAT	arch/arm64/include/asm/elf.h:265	arch/riscv/include/asm/signal32.h:6	arch/x86/include/asm/elf.h:317
y	COMPAT	include/asm-generic/seccomp.h:13	include/asm-generic/seccomp.h:29	include/drm/drm_ioctl.h:172
y	COMPAT_BRK	include/linux/elf-randomize.h:9	include/linux/elf-randomize.h:18	include/linux/sched.h:929
y	COMPAT_FOR_U64_ALIGNMENT	include/asm-generic/compat.h:65
y	COMPAT_OLD_SIGACTION	include/linux/compat.h:404	include/linux/compat.h:925
y	COMPAT_VDSO	arch/arm64/include/asm/elf.h:228	arch/arm64/include/asm/vdso.h:20
y	COMPILE_TEST	include/linux/soc/ti/omap1-io.h:18
m	CONFIGFS_FS	include/linux/iio/sw_device.h:62	include/linux/iio/sw_trigger.h:62
v	CONSOLE_LOGLEVEL_DEFAULT	include/linux/printk.h:62
v	CONSOLE_LOGLEVEL_QUIET	include/linux/printk.h:63
y	CONSOLE_POLL	include/linux/serial_core.h:400	include/linux/tty_driver.h:396
y	CONSOLE_TRANSLATIONS	include/linux/consolemap.h:24	include/linux/vt_kern.h:48
y	CONSTRUCTORS	include/asm-generic/vmlinux.lds.h:702	include/asm-generic/vmlinux.lds.h:1030	include/linux/module.h:546
y	CONTEXT_TRACKING	include/linux/context_tracking_state.h:38	include/linux/context_tracking_state.h:47
y	CONTEXT_TRACKING_IDLE	include/linux/context_tracking.h:111	include/linux/context_tracking_irq.h:5	include/linux/context_tracking_state.h:41
y	CONTEXT_TRACKING_USER	include/linux/context_tracking.h:13	include/linux/context_tracking_state.h:28	include/linux/context_tracking_state.h:51
y	CONTEXT_TRACKING_USER_FORCE	include/linux/context_tracking.h:105
y	CONTIG_ALLOC	include/linux/gfp.h:364
y	COREDUMP	include/linux/binfmts.h:89	include/linux/coredump.h:10	include/linux/coredump.h:49
m	CORESIGHT	include/linux/coresight.h:364
y	CORE_DUMP_DEFAULT_ELF_HEADERS	include/linux/sched/coredump.h:53
y	CPM	include/soc/fsl/cpm.h:160	include/soc/fsl/qe/qe.h:94
y	CPM1	include/soc/fsl/cpm.h:60
y	CPM2	arch/powerpc/include/asm/fs_pd.h:17
y	CPUMASK_OFFSTACK	include/linux/cpumask.h:815
m	CPUSETS	include/linux/cgroup_subsys.h:12
y	CPUSETS	include/linux/cpuset.h:21	include/linux/sched.h:1218
y	CPU_32v6K	arch/arm/include/asm/barrier.h:10	arch/arm/include/asm/tls.h:59
y	CPU_ABRT_EV4	arch/arm/include/asm/glue-df.h:31
y	CPU_ABRT_EV4T	arch/arm/include/asm/glue-df.h:47
y	CPU_ABRT_EV5T	arch/arm/include/asm/glue-df.h:55
y	CPU_ABRT_EV5TJ	arch/arm/include/asm/glue-df.h:63
y	CPU_ABRT_EV6	arch/arm/include/asm/glue-df.h:71
y	CPU_ABRT_EV7	arch/arm/include/asm/glue-df.h:79
y	CPU_ABRT_LV4T	arch/arm/include/asm/glue-df.h:39
y	CPU_ABRT_NOMMU	arch/arm/include/asm/glue-df.h:87
y	CPU_ARM1020	arch/arm/include/asm/glue-cache.h:28	arch/arm/include/asm/glue-proc.h:140
y	CPU_ARM1020E	arch/arm/include/asm/glue-proc.h:149
y	CPU_ARM1022	arch/arm/include/asm/glue-proc.h:158
y	CPU_ARM1026	arch/arm/include/asm/glue-cache.h:29	arch/arm/include/asm/glue-proc.h:167
y	CPU_ARM720T	arch/arm/include/asm/glue-proc.h:32
y	CPU_ARM740T	arch/arm/include/asm/glue-proc.h:41
y	CPU_ARM7TDMI	arch/arm/include/asm/glue-proc.h:23
y	CPU_ARM920T	arch/arm/include/asm/glue-cache.h:27	arch/arm/include/asm/glue-proc.h:59
y	CPU_ARM922T	arch/arm/include/asm/glue-cache.h:27	arch/arm/include/asm/glue-proc.h:68
y	CPU_ARM925T	arch/arm/include/asm/glue-cache.h:28	arch/arm/include/asm/glue-proc.h:86
y	CPU_ARM926T	arch/arm/include/asm/glue-cache.h:41	arch/arm/include/asm/glue-proc.h:95
y	CPU_ARM940T	arch/arm/include/asm/glue-cache.h:49	arch/arm/include/asm/glue-proc.h:104
y	CPU_ARM946E	arch/arm/include/asm/glue-cache.h:57	arch/arm/include/asm/glue-proc.h:113
y	CPU_ARM9TDMI	arch/arm/include/asm/glue-proc.h:50
m	CPU_BIG_ENDIAN	include/asm-generic/spinlock.h:65
y	CPU_BIG_ENDIAN	include/asm-generic/compat.h:18	include/linux/byteorder/big_endian.h:7	include/linux/byteorder/little_endian.h:7
v	CPU_BIG_ENDIAN	include/linux/byteorder/big_endian.h:8	include/linux/byteorder/little_endian.h:8
m	CPU_BMIPS	arch/mips/include/asm/bmips.h:56
y	CPU_BMIPS	arch/mips/include/asm/hazards.h:80	arch/mips/include/asm/vermagic.h:5
y	CPU_CACHE_V4	arch/arm/include/asm/glue-cache.h:19
y	CPU_CACHE_V4WB	arch/arm/include/asm/glue-cache.h:65
y	CPU_CACHE_VIPT	arch/arm/include/asm/cacheflush.h:245	arch/arm/include/asm/cachetype.h:43	arch/arm/include/asm/cachetype.h:46
y	CPU_CACHE_VIVT	arch/arm/include/asm/cachetype.h:43	arch/arm/include/asm/cachetype.h:46	arch/arm/include/asm/highmem.h:36
y	CPU_CAVIUM_OCTEON	arch/mips/include/asm/barrier.h:43	arch/mips/include/asm/barrier.h:108	arch/mips/include/asm/cop2.h:14
y	CPU_COPY_FA	arch/arm/include/asm/page.h:67
y	CPU_COPY_FEROCEON	arch/arm/include/asm/page.h:59
y	CPU_COPY_V4WB	arch/arm/include/asm/page.h:51
y	CPU_COPY_V4WT	arch/arm/include/asm/page.h:43
y	CPU_COPY_V6	arch/arm/include/asm/page.h:99
y	CPU_CP15	arch/arm/include/asm/cp15.h:51	arch/arm/include/asm/cputype.h:116	arch/arm/include/asm/cputype.h:174
y	CPU_CP15_MMU	arch/arm/include/asm/domain.h:84
y	CPU_DADDI_WORKAROUNDS	arch/mips/include/asm/stackframe.h:235	arch/mips/include/asm/stackframe.h:239	arch/mips/include/asm/uaccess.h:379
y	CPU_ENDIAN_BE32	arch/arm/include/asm/opcodes.h:113	arch/arm/include/asm/opcodes.h:132
y	CPU_ENDIAN_BE8	arch/arm/include/asm/assembler.h:57	arch/arm/include/asm/opcodes.h:98	arch/arm/include/uapi/asm/ptrace.h:108
y	CPU_FA526	arch/arm/include/asm/barrier.h:35	arch/arm/include/asm/glue-cache.h:33	arch/arm/include/asm/glue-proc.h:77
y	CPU_FEROCEON	arch/arm/include/asm/assembler.h:81	arch/arm/include/asm/glue-cache.h:97	arch/arm/include/asm/glue-proc.h:203
y	CPU_FREQ	include/acpi/processor.h:315	include/acpi/processor.h:449	include/linux/cpufreq.h:197
y	CPU_FREQ_GOV_SCHEDUTIL	include/linux/cpufreq.h:1235	include/linux/sched/topology.h:240
y	CPU_FREQ_STAT	include/linux/cpufreq.h:267
y	CPU_FREQ_THERMAL	include/linux/cpu_cooling.h:22
y	CPU_HAS_ADDRESS_SPACES	arch/m68k/include/asm/processor.h:84	arch/m68k/include/asm/uaccess.h:25
y	CPU_HAS_ASID	arch/arm/include/asm/mmu.h:8	arch/arm/include/asm/mmu.h:24	arch/arm/include/asm/mmu_context.h:36
y	CPU_HAS_DIEI	arch/mips/include/asm/asmmacro.h:47	arch/mips/include/asm/irqflags.h:21	arch/mips/include/asm/irqflags.h:105
y	CPU_HAS_INTEVT	include/linux/sh_intc.h:16
y	CPU_HAS_MSA	arch/mips/include/asm/cpu-features.h:531	arch/mips/include/asm/processor.h:85	arch/mips/include/asm/processor.h:214
y	CPU_HAS_NO_BITFIELDS	arch/m68k/include/asm/bitops.h:60	arch/m68k/include/asm/bitops.h:103	arch/m68k/include/asm/bitops.h:146
y	CPU_HAS_NO_MULDIV64	arch/m68k/include/asm/delay.h:47	arch/m68k/include/asm/div64.h:5
y	CPU_HAS_PREFETCH	arch/mips/include/asm/prefetch.h:48	arch/mips/include/asm/processor.h:379	arch/mips/include/asm/uaccess.h:380
y	CPU_HAS_PTEAEX	arch/sh/include/asm/mmu_context.h:24	arch/sh/include/asm/mmu_context_32.h:5	arch/sh/include/cpu-sh4/cpu/mmu_context.h:52
y	CPU_HAS_RIXI	arch/mips/include/asm/pgtable-bits.h:125	arch/mips/include/asm/pgtable-bits.h:141	arch/mips/include/asm/pgtable-bits.h:175
y	CPU_HAS_SMARTMIPS	arch/mips/include/asm/ptrace.h:41	arch/mips/include/asm/stackframe.h:59	arch/mips/include/asm/stackframe.h:76
y	CPU_HAS_SR_RB	arch/sh/include/asm/thread_info.h:69	arch/sh/include/asm/traps_32.h:8
y	CPU_HAS_SYNC	arch/mips/include/asm/sync.h:176
y	CPU_HAS_WB	arch/mips/include/asm/barrier.h:67	arch/mips/include/asm/wbflush.h:15
y	CPU_IBPB_ENTRY	arch/x86/include/asm/nospec-branch.h:196
y	CPU_ICACHE_MISMATCH_WORKAROUND	arch/arm/include/asm/cacheflush.h:469
y	CPU_IDLE	include/linux/cpuidle.h:140	include/linux/cpuidle.h:216	include/linux/cpuidle.h:248
v	CPU_IDLE	include/asm-generic/vmlinux.lds.h:316
y	CPU_IDLE_THERMAL	include/linux/cpu_cooling.h:65
y	CPU_ISOLATION	include/linux/sched/isolation.h:21	include/linux/sched/isolation.h:60
y	CPU_J2	arch/sh/include/asm/atomic.h:5	arch/sh/include/asm/barrier.h:33	arch/sh/include/asm/bitops.h:20
y	CPU_JUMP_WORKAROUNDS	arch/mips/include/asm/stackframe.h:150
m	CPU_LITTLE_ENDIAN	arch/mips/include/asm/checksum.h:149	arch/powerpc/include/asm/inst.h:128	arch/powerpc/include/asm/syscall.h:117
y	CPU_LITTLE_ENDIAN	arch/mips/include/asm/compat.h:100	arch/mips/include/asm/compat.h:104	arch/mips/include/asm/compat.h:107
y	CPU_LOONGSON2E	arch/mips/include/asm/mach-loongson2ef/mem.h:16	arch/mips/include/asm/mach-loongson2ef/mem.h:31
y	CPU_LOONGSON2EF	arch/mips/include/asm/hazards.h:162	arch/mips/include/asm/vermagic.h:45
y	CPU_LOONGSON32	arch/mips/include/asm/irqflags.h:44	arch/mips/include/asm/vermagic.h:43
y	CPU_LOONGSON3_CPUCFG_EMULATION	arch/mips/include/asm/cpu-info.h:107	arch/mips/include/asm/mach-loongson64/cpucfg-emul.h:7
y	CPU_LOONGSON3_WORKAROUNDS	arch/mips/include/asm/barrier.h:127	arch/mips/include/asm/sync.h:146
y	CPU_LOONGSON64	include/drm/drm_cache.h:50	arch/mips/include/asm/cop2.h:25	arch/mips/include/asm/hazards.h:27
y	CPU_MICROMIPS	arch/mips/include/asm/asmmacro.h:28	arch/mips/include/asm/jump_label.h:26	arch/mips/include/asm/mipsregs.h:1234
y	CPU_MIPS32	arch/mips/include/asm/mach-malta/cpu-feature-overrides.h:16	arch/mips/include/asm/mach-pic32/cpu-feature-overrides.h:15	arch/mips/include/asm/page.h:123
y	CPU_MIPS32_R1	arch/mips/include/asm/vermagic.h:7
y	CPU_MIPS32_R2	arch/mips/include/asm/vermagic.h:9
y	CPU_MIPS32_R5	arch/mips/include/asm/vermagic.h:11
y	CPU_MIPS32_R6	arch/mips/include/asm/vermagic.h:13
y	CPU_MIPS64	arch/mips/include/asm/mach-malta/cpu-feature-overrides.h:43	arch/mips/include/asm/mach-pic32/cpu-feature-overrides.h:28
y	CPU_MIPS64_R1	arch/mips/include/asm/vermagic.h:15
y	CPU_MIPS64_R2	arch/mips/include/asm/vermagic.h:17
y	CPU_MIPS64_R5	arch/mips/include/asm/vermagic.h:19
y	CPU_MIPS64_R6	arch/mips/include/asm/vermagic.h:21
y	CPU_MIPSR1	arch/mips/include/asm/hazards.h:79
y	CPU_MIPSR2	arch/mips/include/asm/asmmacro.h:133	arch/mips/include/asm/asmmacro.h:192	arch/mips/include/asm/asmmacro.h:203
y	CPU_MIPSR2_IRQ_EI	arch/mips/include/asm/cpu-features.h:496
y	CPU_MIPSR2_IRQ_VI	arch/mips/include/asm/cpu-features.h:490
m	CPU_MIPSR5	arch/mips/include/asm/cpu-info.h:152
y	CPU_MIPSR5	arch/mips/include/asm/asmmacro.h:134	arch/mips/include/asm/asmmacro.h:193	arch/mips/include/asm/asmmacro.h:203
m	CPU_MIPSR6	arch/mips/include/asm/cpu-info.h:152	arch/mips/include/asm/cpu-info.h:168	arch/mips/include/asm/mips-cps.h:206
y	CPU_MIPSR6	arch/mips/include/asm/asmmacro.h:134	arch/mips/include/asm/asmmacro.h:193	arch/mips/include/asm/asmmacro.h:204
y	CPU_MMP2	include/linux/soc/mmp/cputype.h:51
y	CPU_MOHAWK	arch/arm/include/asm/cputype.h:286	arch/arm/include/asm/glue-cache.h:89	arch/arm/include/asm/glue-proc.h:194
y	CPU_NEVADA	arch/mips/include/asm/mach-ip32/cpu-feature-overrides.h:20	arch/mips/include/asm/vermagic.h:35
y	CPU_NOP_WORKAROUNDS	arch/mips/include/asm/uasm.h:250
y	CPU_NO_LOAD_STORE_LR	arch/mips/include/asm/unaligned-emul.h:30	arch/mips/include/asm/unaligned-emul.h:112	arch/mips/include/asm/unaligned-emul.h:265
y	CPU_P5600	arch/mips/include/asm/vermagic.h:51
y	CPU_PABRT_LEGACY	arch/arm/include/asm/glue-pf.h:26
y	CPU_PABRT_V6	arch/arm/include/asm/glue-pf.h:34
y	CPU_PABRT_V7	arch/arm/include/asm/glue-pf.h:42
y	CPU_PJ4	arch/arm/include/asm/cputype.h:312
y	CPU_PJ4B	arch/arm/include/asm/cputype.h:312	arch/arm/include/asm/glue-proc.h:230
y	CPU_PM	include/linux/cpu_pm.h:60
y	CPU_PXA168	include/linux/soc/mmp/cputype.h:29
y	CPU_PXA300	include/linux/soc/pxa/cpu.h:99
y	CPU_PXA310	include/linux/soc/pxa/cpu.h:109
y	CPU_PXA320	include/linux/soc/pxa/cpu.h:119
y	CPU_PXA910	include/linux/soc/mmp/cputype.h:40
y	CPU_PXA930	include/linux/soc/pxa/cpu.h:129	include/linux/soc/pxa/cpu.h:227
y	CPU_PXA935	include/linux/soc/pxa/cpu.h:139	include/linux/soc/pxa/cpu.h:227
y	CPU_R10000	arch/mips/include/asm/hazards.h:163	arch/mips/include/asm/vermagic.h:37
m	CPU_R3000	arch/mips/include/asm/dec/prom.h:49
y	CPU_R3000	arch/mips/include/asm/isadep.h:13	arch/mips/include/asm/mach-dec/cpu-feature-overrides.h:51	arch/mips/include/asm/stackframe.h:45
y	CPU_R3K_TLB	arch/mips/include/asm/pgtable-32.h:194	arch/mips/include/asm/pgtable-bits.h:95	arch/mips/include/asm/pgtable-bits.h:182
y	CPU_R4300	arch/mips/include/asm/vermagic.h:25
y	CPU_R4X00	arch/mips/include/asm/mach-dec/cpu-feature-overrides.h:74	arch/mips/include/asm/vermagic.h:27
m	CPU_R4X00_BUGS64	arch/mips/include/asm/bugs.h:23	arch/mips/include/asm/bugs.h:29
y	CPU_R5000	arch/mips/include/asm/mach-ip32/cpu-feature-overrides.h:20	arch/mips/include/asm/mach-ip32/kmalloc.h:6	arch/mips/include/asm/vermagic.h:31
y	CPU_R5500	arch/mips/include/asm/hazards.h:163	arch/mips/include/asm/vermagic.h:33
y	CPU_RM7000	arch/mips/include/asm/mach-ip32/kmalloc.h:6	arch/mips/include/asm/vermagic.h:39
y	CPU_SA110	arch/arm/include/asm/cmpxchg.h:9	arch/arm/include/asm/glue-proc.h:122
y	CPU_SA1100	arch/arm/include/asm/cmpxchg.h:9	arch/arm/include/asm/glue-proc.h:131	arch/arm/include/asm/page.h:75
y	CPU_SB1	arch/mips/include/asm/hazards.h:187	arch/mips/include/asm/hazards.h:269	arch/mips/include/asm/pgtable-bits.h:245
y	CPU_SH2	arch/sh/include/asm/vermagic.h:7	arch/sh/include/asm/vermagic.h:17
y	CPU_SH2A	arch/sh/include/asm/bitops.h:15	arch/sh/include/asm/processor.h:163	arch/sh/include/asm/processor_32.h:186
y	CPU_SH3	arch/sh/include/asm/gpio.h:15	arch/sh/include/asm/mmu_context.h:139	arch/sh/include/asm/pgtable_32.h:104
y	CPU_SH4	arch/sh/include/asm/mmu_context.h:139	arch/sh/include/asm/processor_32.h:186	arch/sh/include/asm/tlb.h:12
y	CPU_SH4A	arch/sh/include/asm/atomic.h:27	arch/sh/include/asm/barrier.h:9	arch/sh/include/asm/barrier.h:27
y	CPU_SPECTRE	arch/arm/include/asm/barrier.h:81	arch/arm/include/asm/uaccess-asm.h:24	arch/arm/include/asm/uaccess-asm.h:32
y	CPU_SRSO	arch/x86/include/asm/nospec-branch.h:115	arch/x86/include/asm/nospec-branch.h:197	arch/x86/include/asm/nospec-branch.h:205
y	CPU_SUBTYPE_SH7343	arch/sh/include/cpu-sh4/cpu/dma-register.h:16	arch/sh/include/cpu-sh4/cpu/freq.h:12	arch/sh/include/cpu-sh4a/cpu/dma.h:7
y	CPU_SUBTYPE_SH7366	arch/sh/include/cpu-sh4/cpu/freq.h:13
y	CPU_SUBTYPE_SH7619	arch/sh/include/cpu-sh2/cpu/cache.h:17	arch/sh/include/cpu-sh2/cpu/freq.h:10
y	CPU_SUBTYPE_SH7705	arch/sh/include/cpu-sh3/cpu/cache.h:31	arch/sh/include/cpu-sh3/cpu/mmu_context.h:28	arch/sh/include/mach-se/mach/se.h:41
y	CPU_SUBTYPE_SH7706	arch/sh/include/cpu-sh3/cpu/mmu_context.h:29
y	CPU_SUBTYPE_SH7707	arch/sh/include/cpu-sh3/cpu/mmu_context.h:30
y	CPU_SUBTYPE_SH7709	arch/sh/include/cpu-sh3/cpu/gpio.h:62	arch/sh/include/cpu-sh3/cpu/mmu_context.h:31	arch/sh/include/mach-se/mach/se.h:73
y	CPU_SUBTYPE_SH7710	arch/sh/include/cpu-sh3/cpu/cache.h:32	arch/sh/include/cpu-sh3/cpu/dma.h:9	arch/sh/include/cpu-sh3/cpu/mmu_context.h:32
y	CPU_SUBTYPE_SH7712	arch/sh/include/cpu-sh3/cpu/dma.h:10	arch/sh/include/cpu-sh3/cpu/freq.h:10	arch/sh/include/cpu-sh3/cpu/mmu_context.h:33
y	CPU_SUBTYPE_SH7720	arch/sh/include/cpu-sh3/cpu/cache.h:33	arch/sh/include/cpu-sh3/cpu/dma.h:7	arch/sh/include/cpu-sh3/cpu/gpio.h:12
y	CPU_SUBTYPE_SH7721	arch/sh/include/cpu-sh3/cpu/cache.h:34	arch/sh/include/cpu-sh3/cpu/dma.h:8	arch/sh/include/cpu-sh3/cpu/gpio.h:13
y	CPU_SUBTYPE_SH7722	arch/sh/include/cpu-sh4/cpu/dma-register.h:21	arch/sh/include/cpu-sh4/cpu/freq.h:10	arch/sh/include/cpu-sh4/cpu/rtc.h:5
y	CPU_SUBTYPE_SH7723	arch/sh/include/cpu-sh4/cpu/dma-register.h:22	arch/sh/include/cpu-sh4/cpu/freq.h:11	arch/sh/include/cpu-sh4/cpu/rtc.h:5
y	CPU_SUBTYPE_SH7724	arch/sh/include/cpu-sh4/cpu/dma-register.h:23	arch/sh/include/cpu-sh4/cpu/freq.h:29	arch/sh/include/cpu-sh4/cpu/watchdog.h:24
y	CPU_SUBTYPE_SH7730	arch/sh/include/cpu-sh4/cpu/dma-register.h:24	arch/sh/include/cpu-sh4a/cpu/dma.h:8
y	CPU_SUBTYPE_SH7734	arch/sh/include/cpu-sh4/cpu/freq.h:47
y	CPU_SUBTYPE_SH7757	arch/sh/include/cpu-sh4/cpu/dma-register.h:30	arch/sh/include/cpu-sh4/cpu/freq.h:22
y	CPU_SUBTYPE_SH7763	arch/sh/include/asm/sh7760fb.h:53	arch/sh/include/cpu-sh4/cpu/dma-register.h:31	arch/sh/include/cpu-sh4/cpu/freq.h:26
y	CPU_SUBTYPE_SH7780	arch/sh/include/asm/watchdog.h:61	arch/sh/include/cpu-sh4/cpu/dma-register.h:32	arch/sh/include/cpu-sh4/cpu/freq.h:27
y	CPU_SUBTYPE_SH7785	arch/sh/include/asm/watchdog.h:61	arch/sh/include/cpu-sh4/cpu/dma-register.h:33	arch/sh/include/cpu-sh4/cpu/freq.h:52
y	CPU_SUBTYPE_SH7786	arch/sh/include/cpu-sh4/cpu/dma-register.h:25	arch/sh/include/cpu-sh4/cpu/freq.h:56
y	CPU_SUBTYPE_SHX3	arch/sh/include/cpu-sh4/cpu/freq.h:60
y	CPU_SUBTYPE_ST40	arch/sh/include/cpu-sh4/cpu/mmu_context.h:46
y	CPU_SUPPORTS_ADDRWINCFG	arch/mips/include/asm/mach-loongson2ef/loongson.h:246	arch/mips/include/asm/mach-loongson2ef/pci.h:15
y	CPU_SUPPORTS_CPUFREQ	arch/mips/include/asm/mach-loongson2ef/loongson.h:235
y	CPU_SUP_AMD	arch/x86/include/asm/debugreg.h:150	arch/x86/include/asm/perf_event.h:567	arch/x86/include/asm/processor.h:801
y	CPU_SUP_INTEL	include/linux/perf_event.h:1632	include/linux/sched.h:956	arch/x86/include/asm/bugs.h:7
m	CPU_SW_DOMAIN_PAN	arch/arm/include/asm/uaccess-asm.h:89
y	CPU_SW_DOMAIN_PAN	arch/arm/include/asm/domain.h:58	arch/arm/include/asm/uaccess-asm.h:43	arch/arm/include/asm/uaccess-asm.h:57
m	CPU_THERMAL	include/linux/cpufreq.h:462
y	CPU_THERMAL	include/trace/events/thermal.h:94
y	CPU_TLB_FA	arch/arm/include/asm/tlbflush.h:87
y	CPU_TLB_FEROCEON	arch/arm/include/asm/tlbflush.h:121
y	CPU_TLB_V4WB	arch/arm/include/asm/tlbflush.h:138
y	CPU_TLB_V4WBI	arch/arm/include/asm/tlbflush.h:104
y	CPU_TLB_V4WT	arch/arm/include/asm/tlbflush.h:71
y	CPU_TLB_V6	arch/arm/include/asm/highmem.h:34	arch/arm/include/asm/tlbflush.h:157
y	CPU_TLB_V7	arch/arm/include/asm/tlbflush.h:177
y	CPU_TX49XX	arch/mips/include/asm/vermagic.h:29
y	CPU_UNRET_ENTRY	arch/x86/include/asm/disabled-features.h:66	arch/x86/include/asm/nospec-branch.h:115	arch/x86/include/asm/nospec-branch.h:178
m	CPU_USE_DOMAINS	arch/arm/include/asm/uaccess-asm.h:94
y	CPU_USE_DOMAINS	arch/arm/include/asm/domain.h:49	arch/arm/include/asm/domain.h:119	arch/arm/include/asm/domain.h:133
m	CPU_V6	arch/arm/include/asm/percpu.h:21
y	CPU_V6	arch/arm/include/asm/assembler.h:303	arch/arm/include/asm/assembler.h:322	arch/arm/include/asm/assembler.h:341
y	CPU_V6K	arch/arm/include/asm/cacheflush.h:194	arch/arm/include/asm/glue-cache.h:101	arch/arm/include/asm/glue-proc.h:212
y	CPU_V7	arch/arm/include/asm/cacheflush.h:193	arch/arm/include/asm/glue-cache.h:109	arch/arm/include/asm/glue-proc.h:239
y	CPU_V7M	arch/arm/include/asm/assembler.h:166	arch/arm/include/asm/assembler.h:175	arch/arm/include/asm/assembler.h:188
y	CPU_XSC3	arch/arm/include/asm/barrier.h:28	arch/arm/include/asm/cputype.h:270	arch/arm/include/asm/cputype.h:285
y	CPU_XSCALE	arch/arm/include/asm/cputype.h:285	arch/arm/include/asm/glue-cache.h:73	arch/arm/include/asm/glue-proc.h:176
m	CRASH_CORE	include/linux/buildid.h:13
y	CRASH_DUMP	include/linux/crash_dump.h:18	arch/powerpc/include/asm/kdump.h:14	arch/powerpc/include/asm/kdump.h:36
m	CRYPTO_ARCH_HAVE_LIB_CHACHA	include/crypto/chacha.h:44	include/crypto/chacha.h:85	include/crypto/chacha.h:99
m	CRYPTO_ARCH_HAVE_LIB_CURVE25519	include/crypto/curve25519.h:38	include/crypto/curve25519.h:54
m	CRYPTO_ARCH_HAVE_LIB_POLY1305	include/crypto/poly1305.h:68	include/crypto/poly1305.h:82	include/crypto/poly1305.h:93
y	CRYPTO_DEV_SP_CCP	include/linux/ccp.h:24
y	CRYPTO_DEV_SP_PSP	include/linux/psp-sev.h:534	include/linux/psp-tee.h:43
y	CRYPTO_FIPS	include/linux/fips.h:5
v	CRYPTO_LIB_POLY1305_RSIZE	include/crypto/poly1305.h:56
y	CRYPTO_MANAGER_EXTRA_TESTS	include/crypto/internal/simd.h:53
m	CRYPTO_RNG	include/crypto/internal/rng.h:20
y	CRYPTO_RNG	include/crypto/internal/rng.h:20
m	CRYPTO_SHA256	include/net/sctp/constants.h:420
y	CRYPTO_SHA256	include/net/sctp/constants.h:420
y	CRYPTO_STATS	include/crypto/internal/cryptouser.h:7	include/linux/crypto.h:279	include/linux/crypto.h:507
m	CRYPTO_USER	include/net/net_namespace.h:183
y	CS5536_MFGPT	arch/mips/include/asm/mach-loongson2ef/cs5536/cs5536_mfgpt.h:12
m	CSRC_R4K	arch/mips/include/asm/vdso/gettimeofday.h:207
y	CSRC_R4K	arch/mips/include/asm/time.h:60	arch/mips/include/asm/vdso/gettimeofday.h:150	arch/mips/include/asm/vdso/gettimeofday.h:189
m	CURRENT_POINTER_IN_TPIDRURO	arch/arm/include/asm/switch_to.h:30
y	CURRENT_POINTER_IN_TPIDRURO	arch/arm/include/asm/assembler.h:320	arch/arm/include/asm/assembler.h:339	arch/arm/include/asm/assembler.h:359
y	CXL_BASE	include/misc/cxl-base.h:9	arch/powerpc/include/asm/device.h:41	arch/powerpc/include/asm/pnv-pci.h:40
y	CXL_SUSPEND	include/linux/pm.h:38
y	DAMON	include/linux/damon.h:517
m	DAX	include/linux/dax.h:58	include/linux/dax.h:215
y	DA_MON_EVENTS_ID	include/trace/events/rv.h:71
y	DA_MON_EVENTS_IMPLICIT	include/trace/events/rv.h:11
y	DCACHE_WORD_ACCESS	arch/arm/include/asm/word-at-a-time.h:58
y	DCB	include/linux/netdevice.h:39	include/linux/netdevice.h:2348	include/linux/qed/qed_eth_if.h:188
y	DEBUGGER	arch/powerpc/include/asm/debug.h:12
y	DEBUG_ATOMIC_SLEEP	include/linux/kernel.h:119	include/linux/kernel.h:191	include/linux/sched.h:143
y	DEBUG_BUGVERBOSE	include/asm-generic/bug.h:39	arch/arm/include/asm/assembler.h:580	arch/arm/include/asm/bug.h:26
y	DEBUG_CREDENTIALS	include/linux/cred.h:112	include/linux/cred.h:178
m	DEBUG_ENTRY	arch/s390/include/asm/entry-common.h:20	arch/s390/include/asm/entry-common.h:47	arch/x86/include/asm/entry-common.h:15
y	DEBUG_ENTRY	arch/x86/include/asm/irqflags.h:113	arch/x86/include/asm/paravirt.h:757
y	DEBUG_FORCE_WEAK_PER_CPU	include/linux/percpu-defs.h:75
m	DEBUG_FS	include/soc/tegra/bpmp.h:196
y	DEBUG_FS	include/drm/drm_debugfs.h:82	include/drm/drm_debugfs_crc.h:63	include/drm/drm_mipi_dbi.h:204
m	DEBUG_HIGHMEM	arch/arm/include/asm/highmem.h:53
y	DEBUG_HOTPLUG_CPU0	arch/x86/include/asm/cpu.h:34
y	DEBUG_IMX1_UART	arch/arm/include/debug/imx-uart.h:113
y	DEBUG_IMX25_UART	arch/arm/include/debug/imx-uart.h:115
y	DEBUG_IMX27_UART	arch/arm/include/debug/imx-uart.h:117
y	DEBUG_IMX31_UART	arch/arm/include/debug/imx-uart.h:119
y	DEBUG_IMX35_UART	arch/arm/include/debug/imx-uart.h:121
y	DEBUG_IMX50_UART	arch/arm/include/debug/imx-uart.h:123
y	DEBUG_IMX51_UART	arch/arm/include/debug/imx-uart.h:125
y	DEBUG_IMX53_UART	arch/arm/include/debug/imx-uart.h:127
y	DEBUG_IMX6Q_UART	arch/arm/include/debug/imx-uart.h:129
y	DEBUG_IMX6SL_UART	arch/arm/include/debug/imx-uart.h:131
y	DEBUG_IMX6SX_UART	arch/arm/include/debug/imx-uart.h:133
y	DEBUG_IMX6UL_UART	arch/arm/include/debug/imx-uart.h:135
y	DEBUG_IMX7D_UART	arch/arm/include/debug/imx-uart.h:137
v	DEBUG_IMX_UART_PORT	arch/arm/include/debug/imx-uart.h:111
m	DEBUG_INFO_BTF	include/net/netfilter/nf_conntrack_bpf.h:13	include/net/netfilter/nf_conntrack_bpf.h:32
y	DEBUG_INFO_BTF	include/asm-generic/vmlinux.lds.h:678	include/linux/btf_ids.h:20	include/linux/compiler_types.h:24
m	DEBUG_INFO_BTF_MODULES	include/net/netfilter/nf_conntrack_bpf.h:14	include/net/netfilter/nf_conntrack_bpf.h:33
y	DEBUG_IRQFLAGS	include/linux/irqflags.h:160
y	DEBUG_KMAP_LOCAL	include/asm-generic/kmap_size.h:6
m	DEBUG_KMAP_LOCAL_FORCE_MAP	include/linux/skbuff.h:417
y	DEBUG_KMAP_LOCAL_FORCE_MAP	arch/x86/include/asm/fixmap.h:25	arch/x86/include/asm/pgtable_64_types.h:198
y	DEBUG_KMEMLEAK	include/linux/kmemleak.h:15
y	DEBUG_KOBJECT_RELEASE	include/linux/kobject.h:72
y	DEBUG_LIST	include/linux/list.h:41	include/linux/list_bl.h:27
y	DEBUG_LL	arch/arm/include/asm/mach/map.h:46
y	DEBUG_LOCKING_API_SELFTESTS	include/linux/debug_locks.h:44	include/linux/lockdep.h:523
m	DEBUG_LOCK_ALLOC	include/linux/ww_mutex.h:199
y	DEBUG_LOCK_ALLOC	include/linux/cgroup-defs.h:645	include/linux/fs.h:3233	include/linux/jbd2.h:1268
y	DEBUG_MAPLE_TREE	include/linux/maple_tree.h:667
y	DEBUG_MUTEXES	include/linux/dma-resv.h:314	include/linux/mutex.h:73	include/linux/mutex.h:81
y	DEBUG_NET	include/linux/skbuff.h:2577	include/linux/skbuff.h:2660	include/net/net_debug.h:151
y	DEBUG_NMI_SELFTEST	arch/x86/include/asm/smp.h:200
y	DEBUG_OBJECTS	include/linux/debugobjects.h:66	include/linux/slab.h:91
y	DEBUG_OBJECTS_FREE	include/linux/debugobjects.h:107
y	DEBUG_OBJECTS_RCU_HEAD	include/linux/rcupdate.h:323
y	DEBUG_OBJECTS_TIMERS	include/linux/hrtimer.h:380	include/linux/timer.h:95	include/linux/timer.h:147
y	DEBUG_OBJECTS_WORK	include/linux/workqueue.h:35	include/linux/workqueue.h:48	include/linux/workqueue.h:202
m	DEBUG_PAGEALLOC	include/linux/mm.h:3305	include/linux/mm.h:3315
y	DEBUG_PAGEALLOC	include/linux/mm.h:3326	include/linux/mm.h:3528	arch/powerpc/include/asm/book3s/64/pgtable.h:1083
y	DEBUG_PAGE_REF	include/linux/page_ref.h:18
y	DEBUG_PER_CPU_MAPS	include/asm-generic/numa.h:20	include/linux/cpumask.h:109	arch/x86/include/asm/numa.h:69
y	DEBUG_PLIST	include/linux/plist.h:235	include/linux/plist.h:252
m	DEBUG_PREEMPT	include/linux/ftrace.h:476	include/linux/ftrace.h:489
y	DEBUG_PREEMPT	include/asm-generic/percpu.h:33	include/linux/percpu-defs.h:245	include/linux/percpu-defs.h:310
y	DEBUG_RODATA_TEST	include/linux/rodata_test.h:12
y	DEBUG_RSEQ	include/linux/sched.h:2426
y	DEBUG_RT_MUTEXES	include/linux/rtmutex.h:67	include/linux/ww_mutex.h:24
y	DEBUG_RWSEMS	include/linux/rwsem.h:61	include/linux/rwsem.h:80
y	DEBUG_SG	include/linux/scatterlist.h:116	include/linux/scatterlist.h:146	include/linux/scatterlist.h:162
y	DEBUG_SLAB	include/linux/slab_def.h:49
y	DEBUG_SPINLOCK	include/linux/bit_spinlock.h:26	include/linux/bit_spinlock.h:44	include/linux/bit_spinlock.h:59
y	DEBUG_STACK_USAGE	include/linux/sched/task_stack.h:98
y	DEBUG_TIMEKEEPING	include/linux/timekeeper_internal.h:127
y	DEBUG_TLBFLUSH	include/linux/vm_event_item.h:126	include/linux/vmstat.h:120
y	DEBUG_UNCOMPRESS	arch/arm/include/debug/uncompress.h:2
m	DEBUG_VIRTUAL	arch/powerpc/include/asm/io.h:940	arch/powerpc/include/asm/io.h:971	arch/powerpc/include/asm/page.h:220
y	DEBUG_VIRTUAL	include/linux/mmdebug.h:103	arch/arm/include/asm/memory.h:297	arch/arm64/include/asm/memory.h:287
m	DEBUG_VM	arch/arm64/include/asm/pgtable.h:301	arch/powerpc/include/asm/book3s/64/pgtable.h:879	arch/powerpc/include/asm/book3s/64/pgtable.h:934
y	DEBUG_VM	include/linux/memcontrol.h:763	include/linux/mmdebug.h:16	include/linux/page-flags.h:307
y	DEBUG_VM_IRQSOFF	include/linux/mmdebug.h:97
y	DEBUG_VM_PGFLAGS	include/linux/mmdebug.h:109
y	DEBUG_VM_RB	include/linux/mm.h:2794	include/linux/rmap.h:88
y	DEBUG_WW_MUTEX_SLOWPATH	include/linux/ww_mutex.h:69	include/linux/ww_mutex.h:151
m	DEBUG_WX	arch/s390/include/asm/ptdump.h:10
y	DEBUG_WX	arch/arm/include/asm/ptdump.h:34	arch/arm64/include/asm/ptdump.h:34	arch/riscv/include/asm/ptdump.h:11
v	DEFAULT_HOSTNAME	include/linux/uts.h:13
y	DEFERRED_STRUCT_PAGE_INIT	include/linux/memblock.h:289	include/linux/memory_hotplug.h:275	include/linux/mmzone.h:1118
y	DEPRECATED_IRQ_CPU_ONOFFLINE	include/linux/irq.h:509	include/linux/irq.h:594
y	DETECT_HUNG_TASK	include/linux/nmi.h:61	include/linux/sched/sysctl.h:9	include/linux/sched.h:1087
y	DEVFREQ_THERMAL	include/linux/devfreq_cooling.h:42	include/trace/events/thermal.h:140
m	DEVICE_PRIVATE	include/linux/memremap.h:161	include/linux/swapops.h:177
y	DEVICE_PRIVATE	include/linux/swap.h:87
y	DEVTMPFS	include/linux/device.h:1137
y	DEV_COREDUMP	include/linux/devcoredump.h:54	include/net/bluetooth/coredump.h:61	include/net/bluetooth/hci_core.h:1527
y	DEV_DAX_HMEM_DEVICES	include/linux/dax.h:264
y	DMABUF_SYSFS_STATS	include/linux/dma-buf.h:446
y	DMAR_DEBUG	include/linux/dmar.h:130
y	DMAR_TABLE	include/linux/dmar.h:36
y	DMA_ACPI	include/linux/acpi_dma.h:57
y	DMA_API_DEBUG	include/linux/dma-map-ops.h:382	include/linux/dma-mapping.h:79
y	DMA_CMA	include/linux/device.h:626	include/linux/dma-map-ops.h:112
y	DMA_DECLARE_COHERENT	include/linux/device.h:622	include/linux/dma-map-ops.h:177
y	DMA_ENGINE	include/linux/async_tx.h:77	include/linux/dmaengine.h:622	include/linux/dmaengine.h:1067
m	DMA_ENGINE_RAID	include/linux/dmaengine.h:553
y	DMA_GLOBAL_POOL	include/linux/dma-map-ops.h:199
y	DMA_NONCOHERENT	arch/mips/include/asm/io.h:517	arch/mips/include/asm/mach-generic/kmalloc.h:5
y	DMA_OF	include/linux/of_dma.h:34
y	DMA_OPS	include/linux/device.h:606	include/linux/dma-map-ops.h:86
y	DMA_OPS_BYPASS	include/linux/device.h:669
y	DMA_PERNUMA_CMA	include/linux/dma-map-ops.h:171
y	DMA_RESTRICTED_POOL	include/linux/swiotlb.h:164
m	DMI	include/linux/i2c-smbus.h:46
y	DMI	include/linux/dmi.h:94	include/sound/soc.h:502	include/sound/soc.h:911
y	DNOTIFY	include/linux/dnotify.h:23
v	DRAM_BASE	arch/arm/include/asm/memory.h:115
v	DRAM_SIZE	arch/arm/include/asm/memory.h:115
m	DRM	include/drm/drm_panel.h:226
m	DRM_DEBUG_DP_MST_TOPOLOGY_REFS	include/drm/display/drm_dp_mst_helper.h:29	include/drm/display/drm_dp_mst_helper.h:100	include/drm/display/drm_dp_mst_helper.h:209
y	DRM_DEBUG_MM	include/drm/drm_mm.h:46	include/drm/drm_mm.h:53	include/drm/drm_mm.h:177
y	DRM_DP_CEC	include/drm/display/drm_dp_helper.h:690
y	DRM_EXPORT_FOR_TESTS	include/drm/drm_util.h:44
y	DRM_FBDEV_EMULATION	include/drm/drm_fb_helper.h:213
m	DRM_KMS_HELPER	include/drm/display/drm_dp_helper.h:675	include/drm/display/drm_dp_helper.h:676
m	DRM_LEGACY	include/drm/drm_auth.h:149	include/drm/drm_device.h:300	include/drm/drm_file.h:369
y	DRM_LEGACY	include/drm/drm_drv.h:462
y	DRM_LOAD_EDID_FIRMWARE	include/drm/drm_edid.h:386
m	DRM_PANEL	include/drm/drm_panel.h:225
y	DRM_PANEL	include/drm/drm_panel.h:208
m	DRM_PANEL_BRIDGE	include/drm/drm_of.h:6	include/drm/drm_of.h:144
y	DRM_PANEL_BRIDGE	include/drm/drm_bridge.h:928	include/drm/drm_bridge.h:957
m	DRM_PRIVACY_SCREEN	include/drm/drm_privacy_screen_consumer.h:17	include/drm/drm_privacy_screen_machine.h:34
y	DRM_USE_DYNAMIC_DEBUG	include/drm/drm_print.h:387	include/drm/drm_print.h:460	include/drm/drm_print.h:575
y	DST_CACHE	include/net/dst_metadata.h:167	include/net/ip_tunnels.h:79
y	DUMP_CODE	arch/sh/include/asm/processor_32.h:173
y	DVB_MAX_ADAPTERS	include/media/dvbdev.h:30	include/media/dvbdev.h:30
v	DVB_MAX_ADAPTERS	include/media/dvbdev.h:31
y	DVB_MMAP	include/media/dvb_vb2.h:116
y	DVB_NET	include/media/dvb_net.h:31
y	DWARF_UNWINDER	arch/sh/include/asm/dwarf.h:8	arch/sh/include/asm/module.h:7	arch/sh/include/asm/vmlinux.lds.h:7
m	DW_DMAC_CORE	include/linux/dma/dw.h:42
m	DW_EDMA	include/linux/dma/edma.h:87
m	DYNAMIC_DEBUG	include/linux/mtd/rawnand.h:1027
y	DYNAMIC_DEBUG	include/linux/acpi.h:1165	include/linux/acpi.h:1195	include/linux/ceph/ceph_debug.h:17
y	DYNAMIC_DEBUG_CORE	include/linux/dev_printk.h:163	include/linux/dev_printk.h:233	include/linux/dynamic_debug.h:131
y	DYNAMIC_EVENTS	include/linux/trace_events.h:388
y	DYNAMIC_FTRACE	include/linux/ftrace.h:75	include/linux/ftrace.h:90	include/linux/ftrace.h:250
y	DYNAMIC_FTRACE_WITH_ARGS	arch/powerpc/include/asm/ftrace.h:29
y	DYNAMIC_FTRACE_WITH_DIRECT_CALLS	include/linux/ftrace.h:369
m	DYNAMIC_FTRACE_WITH_REGS	arch/arm64/include/asm/ftrace.h:72
y	DYNAMIC_FTRACE_WITH_REGS	include/linux/ftrace.h:682	include/linux/ftrace.h:799	arch/arm/include/asm/ftrace.h:7
y	DYNAMIC_MEMORY_LAYOUT	arch/x86/include/asm/page_64_types.h:44	arch/x86/include/asm/pgtable_64_types.h:135
y	DYNAMIC_PHYSICAL_MASK	arch/x86/include/asm/page_types.h:49
y	DYNAMIC_SIGFRAME	include/linux/signal.h:467
y	EARLY_PRINTK	include/linux/printk.h:135	arch/mips/include/asm/txx9/generic.h:52
y	EARLY_PRINTK_8250	arch/mips/include/asm/setup.h:11
y	EARLY_PRINTK_DBGP	include/linux/usb/ehci-dbgp.h:46	include/linux/usb/ehci-dbgp.h:68
y	EARLY_PRINTK_USB_XDBC	include/linux/usb/xhci-dbgp.h:13
y	EDAC_GHES	include/acpi/ghes.h:79
y	EEH	include/linux/pci.h:2523	include/linux/pci.h:2583	arch/powerpc/include/asm/device.h:35
y	EFI	include/linux/efi.h:693	include/linux/efi.h:872	include/linux/efi.h:1146
m	EFI_CAPSULE_LOADER	include/linux/efi.h:1106
y	EFI_EMBEDDED_FIRMWARE	include/linux/efi.h:1177
y	EFI_ESRT	include/linux/efi.h:718
y	EFI_FAKE_MEMMAP	include/linux/efi.h:748	arch/x86/include/asm/efi.h:411
m	EFI_MIXED	arch/x86/include/asm/efi.h:192	arch/x86/include/asm/efi.h:202
y	EFI_MIXED	arch/x86/include/asm/efi.h:216
y	EFI_PCDP	include/linux/efi.h:843
y	EFI_RUNTIME_MAP	include/linux/efi.h:1118
m	EFI_SOFT_RESERVE	include/linux/efi.h:886
y	EISA	include/linux/eisa.h:66	include/linux/eisa.h:106	arch/mips/include/asm/sni.h:230
y	EISA_NAMES	include/linux/eisa.h:43
y	ENERGY_MODEL	include/linux/cpufreq.h:1235	include/linux/device.h:598	include/linux/energy_model.h:81
v	ENTER	arch/sh/include/asm/smc37c93x.h:39
y	EPAPR_PARAVIRT	arch/powerpc/include/asm/epapr_hcalls.h:108	arch/powerpc/include/asm/epapr_hcalls.h:464
y	EPOLL	include/linux/eventpoll.h:19	include/linux/fs.h:979	include/linux/sched/user.h:16
y	ERRATA_SIFIVE	arch/riscv/include/asm/errata_list.h:11
v	ERRATA_SIFIVE_CIP_1200	arch/riscv/include/asm/errata_list.h:44
v	ERRATA_SIFIVE_CIP_453	arch/riscv/include/asm/errata_list.h:33	arch/riscv/include/asm/errata_list.h:39
y	ERRATA_THEAD	arch/riscv/include/asm/errata_list.h:17
v	ERRATA_THEAD_CMO	arch/riscv/include/asm/errata_list.h:139
y	ERRATA_THEAD_PBMT	arch/riscv/include/asm/errata_list.h:65
v	ERRATA_THEAD_PBMT	arch/riscv/include/asm/errata_list.h:58	arch/riscv/include/asm/errata_list.h:82
m	ETHTOOL_NETLINK	include/linux/ethtool_netlink.h:22	include/linux/netdevice.h:4830
m	EVA	arch/mips/include/asm/page.h:182
y	EVA	arch/mips/include/asm/asm-eva.h:45	arch/mips/include/asm/asm-eva.h:132	arch/mips/include/asm/eva.h:18
y	EVENTFD	include/linux/eventfd.h:36	include/linux/sched.h:949
y	EVENT_TRACING	include/asm-generic/vmlinux.lds.h:236	include/linux/module.h:490	include/linux/perf_event.h:797
y	EVM	include/linux/evm.h:17
v	EXIT	arch/sh/include/asm/smc37c93x.h:40
y	EXPOLINE_EXTERN	arch/s390/include/asm/nospec-insn.h:17	arch/s390/include/asm/nospec-insn.h:32	arch/s390/include/asm/nospec-insn.h:90
y	EXPORT_UASM	arch/mips/include/asm/uasm.h:17
m	EXTCON	include/linux/extcon-provider.h:17	include/linux/extcon.h:170
y	EXYNOS_PMU	include/linux/soc/samsung/exynos-pmu.h:22
y	F2FS_IOSTAT	include/trace/events/f2fs.h:1867
y	FAILSLAB	include/linux/fault-inject.h:75	include/linux/slab.h:101
y	FAIL_IOMMU	arch/powerpc/include/asm/device.h:38
m	FAIL_IO_TIMEOUT	include/linux/blk-mq.h:912
y	FAIL_MAKE_REQUEST	include/linux/blk_types.h:68
y	FAIL_MMC_REQUEST	include/linux/mmc/host.h:499
y	FAIR_GROUP_SCHED	include/linux/sched.h:561
y	FANOTIFY	include/linux/fsnotify_backend.h:244	include/linux/user_namespace.h:53
y	FAULT_INJECTION	include/linux/fault-inject.h:5	include/linux/sched.h:1336
y	FAULT_INJECTION_DEBUG_FS	include/linux/fault-inject.h:53
y	FAULT_INJECTION_USERCOPY	include/linux/fault-inject-usercopy.h:12
y	FA_DUMP	arch/powerpc/include/asm/fadump.h:12	arch/powerpc/include/asm/fadump.h:30	arch/powerpc/include/asm/fadump.h:36
y	FB_3DFX_I2C	include/video/tdfx.h:201
m	FB_BACKLIGHT	include/linux/fb.h:468
y	FB_BIG_ENDIAN	include/linux/fb.h:793
y	FB_BOTH_ENDIAN	include/linux/fb.h:791
y	FB_DEFERRED_IO	include/linux/fb.h:203	include/linux/fb.h:478
y	FB_FOREIGN_ENDIAN	include/linux/fb.h:790
y	FB_LITTLE_ENDIAN	include/linux/fb.h:795
y	FB_LOGO_EXTRA	include/linux/linux_logo.h:50
y	FB_NOTIFY	include/linux/fb.h:152
m	FB_OMAP	include/linux/omap-dma.h:340
m	FB_OMAP2	include/video/omapfb_dss.h:745
y	FB_PXA_SMARTPANEL	include/linux/platform_data/video-pxafb.h:176
m	FB_SH_MOBILE_LCDC	arch/sh/include/mach-kfr2r09/mach/kfr2r09.h:7
y	FB_SH_MOBILE_LCDC	arch/sh/include/mach-kfr2r09/mach/kfr2r09.h:7
y	FB_STI	arch/parisc/include/asm/fb.h:15
y	FB_TILEBLITTING	include/linux/fb.h:309	include/linux/fb.h:490
m	FCOE	include/linux/netdevice.h:858	include/linux/netdevice.h:1498	include/linux/netdevice.h:2355
y	FCOE	include/linux/netdevice.h:858
y	FILE_LOCKING	include/linux/fs.h:678	include/linux/fs.h:1151	include/linux/fs.h:2714
m	FIREWIRE_NET	include/linux/if_arp.h:33
y	FIRMWARE_MEMMAP	include/linux/firmware-map.h:15
m	FIXED_PHY	include/linux/phy_fixed.h:19
y	FLATMEM	include/asm-generic/memory_model.h:12	include/linux/mmzone.h:1112	include/linux/mmzone.h:1570
y	FORCE_NR_CPUS	include/linux/cpumask.h:38	include/linux/cpumask.h:46
y	FORTIFY_SOURCE	include/linux/string.h:305	arch/s390/include/asm/string.h:101	arch/x86/include/asm/string_32.h:148
y	FPROBE	include/linux/fprobe.h:62
y	FPU	arch/riscv/include/asm/kvm_vcpu_fp.h:17	arch/riscv/include/asm/switch_to.h:16
y	FRAMEBUFFER_CONSOLE	include/linux/fbcon.h:4
y	FRAME_POINTER	include/linux/ftrace.h:934	include/linux/objtool.h:81	include/linux/objtool.h:152
y	FREEZER	include/linux/freezer.h:13	include/linux/workqueue.h:723
y	FRONTSWAP	include/linux/frontswap.h:26	include/linux/swap.h:298
m	FSCACHE	include/linux/fscache.h:21	include/linux/netfs.h:127	include/linux/netfs.h:317
y	FSCACHE	include/linux/fscache.h:21
y	FSCACHE_STATS	include/linux/fscache-cache.h:192	include/linux/fscache.h:337	include/linux/fscache.h:345
y	FSL_EMB_PERFMON	arch/powerpc/include/asm/reg.h:25
y	FSL_EMB_PERF_EVENT	arch/powerpc/include/asm/perf_event.h:20
m	FSL_ENETC_MDIO	include/linux/fsl/enetc_mdio.h:38
y	FSL_MC_BUS	include/linux/fsl/mc.h:362
y	FSL_RIO	arch/powerpc/include/asm/rio.h:12
y	FSNOTIFY	include/linux/fs.h:697	include/linux/fs.h:1535	include/linux/fsnotify_backend.h:537
m	FS_DAX	include/linux/dax.h:156	include/linux/fs.h:3552
y	FS_DAX	include/linux/dax.h:131	include/linux/fs.h:2356	include/linux/iomap.h:171
y	FS_ENCRYPTION	include/linux/fs.h:702	include/linux/fs.h:1501	include/linux/fscrypt.h:63
y	FS_ENCRYPTION_INLINE_CRYPT	include/linux/fscrypt.h:751
y	FS_POSIX_ACL	include/linux/evm.h:46	include/linux/fs.h:608	include/linux/posix_acl.h:78
y	FS_VERITY	include/linux/fs.h:706	include/linux/fs.h:1505	include/linux/fsverity.h:125
y	FTRACE_MCOUNT_RECORD	include/asm-generic/vmlinux.lds.h:175	include/linux/ftrace.h:973	include/linux/kernel.h:490
y	FTRACE_RECORD_RECURSION	include/linux/trace_recursion.h:133
y	FTRACE_SYSCALLS	include/asm-generic/vmlinux.lds.h:260	include/linux/ftrace.h:1143	include/linux/syscalls.h:130
y	FUJITSU_ERRATUM_010001	arch/arm64/include/asm/assembler.h:676
y	FUNCTION_ERROR_INJECTION	include/asm-generic/error-injection.h:21	include/asm-generic/vmlinux.lds.h:227	include/linux/error-injection.h:8
y	FUNCTION_GRAPH_TRACER	include/linux/ftrace.h:699	include/linux/ftrace.h:885	include/linux/ftrace.h:1014
y	FUNCTION_PROFILER	include/linux/ftrace.h:1030
y	FUNCTION_TRACER	include/asm-generic/vmlinux.lds.h:194	include/linux/fprobe.h:22	include/linux/ftrace.h:40
y	FUTEX	include/linux/futex.h:59	include/linux/mm_types.h:605	include/linux/sched.h:1236
m	FWNODE_MDIO	include/linux/fwnode_mdio.h:11
y	FW_ARC32	arch/mips/include/asm/fw/arc/types.h:13	arch/mips/include/asm/sgiarcs.h:371	arch/mips/include/asm/sgiarcs.h:437
y	FW_ARC64	arch/mips/include/asm/fw/arc/types.h:38	arch/mips/include/asm/sgiarcs.h:438
m	FW_LOADER	include/linux/firmware.h:96
y	FW_LOADER	include/asm-generic/vmlinux.lds.h:892	include/linux/firmware.h:86
y	FW_UPLOAD	include/linux/firmware.h:174
y	GACT_PROB	include/net/tc_act/tc_gact.h:10
m	GAMEPORT	include/linux/gameport.h:67	include/sound/core.h:447
y	GAMEPORT	include/linux/gameport.h:67
m	GARP	include/linux/netdevice.h:2317
y	GART_IOMMU	arch/x86/include/asm/gart.h:33
y	GCC_ASM_GOTO_OUTPUT_WORKAROUND	include/linux/compiler-gcc.h:84
y	GCC_PLUGIN_STACKLEAK	include/linux/sched.h:1497	include/linux/stackleak.h:15
y	GCC_VERSION	include/linux/seqlock.h:1294
y	GCOV_KERNEL	include/asm-generic/vmlinux.lds.h:1029
y	GENERIC_ALLOCATOR	include/sound/memalloc.h:36
y	GENERIC_ARCH_TOPOLOGY	include/linux/arch_topology.h:77	arch/parisc/include/asm/topology.h:4
y	GENERIC_ATOMIC64	include/linux/atomic/atomic-arch-fallback.h:1337	arch/arm/include/asm/atomic.h:245	arch/mips/include/asm/cpu-features.h:646
y	GENERIC_BUG	include/asm-generic/bug.h:11	include/asm-generic/bug.h:32	include/asm-generic/vmlinux.lds.h:853
y	GENERIC_BUG_RELATIVE_POINTERS	include/asm-generic/bug.h:34	include/asm-generic/bug.h:40	arch/parisc/include/asm/bug.h:20
y	GENERIC_CLOCKEVENTS	include/linux/clockchips.h:12	include/linux/tick.h:16	include/linux/tick.h:32
y	GENERIC_CLOCKEVENTS_BROADCAST	include/linux/clockchips.h:201	include/linux/clockchips.h:210	include/linux/tick.h:49
y	GENERIC_CMOS_UPDATE	include/linux/timekeeping.h:308
y	GENERIC_CPU_AUTOPROBE	include/linux/cpufeature.h:9
y	GENERIC_CPU_VULNERABILITIES	arch/arm/include/asm/spectre.h:28
y	GENERIC_CSUM	arch/m68k/include/asm/checksum.h:7	arch/mips/include/asm/checksum.h:15	arch/x86/include/asm/checksum.h:2
y	GENERIC_EARLY_IOREMAP	include/asm-generic/early_ioremap.h:22
y	GENERIC_ENTRY	include/linux/rcupdate.h:133	include/linux/syscall_user_dispatch.h:10	include/linux/thread_info.h:40
y	GENERIC_GETTIMEOFDAY	include/linux/clocksource.h:28	include/vdso/clocksource.h:7	include/vdso/clocksource.h:13
y	GENERIC_IOMAP	include/asm-generic/io.h:15	include/asm-generic/io.h:824	include/asm-generic/io.h:1162
y	GENERIC_IOREMAP	include/asm-generic/io.h:1081
y	GENERIC_IRQ_DEBUGFS	include/linux/irqdesc.h:93	include/linux/irqdomain.h:128
y	GENERIC_IRQ_EFFECTIVE_AFF_MASK	include/linux/irq.h:157	include/linux/irq.h:891
y	GENERIC_IRQ_IPI	include/linux/irq.h:160
y	GENERIC_IRQ_LEGACY	include/linux/irq.h:969
y	GENERIC_IRQ_MIGRATION	include/linux/irq.h:602
y	GENERIC_IRQ_MULTI_HANDLER	include/linux/irq.h:1251
y	GENERIC_IRQ_PROBE	include/linux/interrupt.h:787
y	GENERIC_ISA_DMA_SUPPORT_BROKEN	arch/mips/include/asm/dma.h:77
y	GENERIC_LOCKBREAK	include/linux/rwlock_api_smp.h:145	include/linux/spinlock_api_smp.h:102
y	GENERIC_MSI_IRQ	include/linux/device.h:386	include/linux/msi.h:78
y	GENERIC_MSI_IRQ_DOMAIN	include/asm-generic/msi.h:7	include/linux/device.h:383	include/linux/device.h:792
y	GENERIC_PCI_IOMAP	include/asm-generic/pci_iomap.h:34
y	GENERIC_PENDING_IRQ	include/linux/irq.h:609	include/linux/irqdesc.h:77
m	GENERIC_PHY	include/linux/phy/phy.h:218
y	GENERIC_PINCONF	include/linux/pinctrl/pinconf.h:39	include/linux/pinctrl/pinctrl.h:158
y	GENERIC_SCHED_CLOCK	include/linux/sched_clock.h:10
y	GENERIC_TIME_VSYSCALL	include/linux/timekeeper_internal.h:141
m	GPIOLIB	include/linux/gpio/consumer.h:605	include/linux/gpio/consumer.h:681	include/linux/gpio/consumer.h:716
y	GPIOLIB	include/asm-generic/gpio.h:8	include/linux/acpi.h:1209	include/linux/gpio/consumer.h:56
y	GPIOLIB_IRQCHIP	include/linux/gpio/driver.h:485	include/linux/gpio/driver.h:706
m	GPIO_GENERIC	include/linux/gpio/driver.h:469
m	GPIO_SYSFS	include/linux/gpio/consumer.h:716
y	GSC	arch/parisc/include/asm/irq.h:16
m	GUEST_PERF_EVENTS	arch/arm64/include/asm/kvm_host.h:838
y	GUEST_PERF_EVENTS	include/linux/kvm_host.h:1578	include/linux/perf_event.h:1322
y	GUMSTIX_AM200EPD	include/linux/fb.h:131
y	GUP_GET_PTE_LOW_HIGH	include/linux/pgtable.h:319
y	GUSA_RB	arch/sh/include/asm/atomic.h:25	arch/sh/include/asm/bitops.h:13	arch/sh/include/asm/cmpxchg.h:13
y	HARDENED_USERCOPY	include/linux/thread_info.h:191	include/linux/uaccess.h:417
y	HARDEN_BRANCH_PREDICTOR	arch/arm/include/asm/proc-fns.h:104	arch/arm/include/asm/system_misc.h:18
y	HARDIRQS_SW_RESEND	include/linux/irq.h:626
y	HARDLOCKUP_CHECK_TIMESTAMP	include/linux/nmi.h:199
y	HARDLOCKUP_DETECTOR	include/linux/nmi.h:84	include/linux/nmi.h:91
y	HARDLOCKUP_DETECTOR_PERF	include/linux/nmi.h:97	include/linux/nmi.h:195	include/linux/nmi.h:200
y	HARDWARE_WATCHPOINTS	arch/mips/include/asm/watch.h:20
m	HAS_DMA	include/linux/usb/hcd.h:421
y	HAS_DMA	include/linux/async_tx.h:14	include/linux/dma-mapping.h:94	include/linux/dmapool.h:19
y	HAS_IOMEM	include/linux/kvm_host.h:338	arch/sh/include/asm/io_trapped.h:28
y	HAS_IOPORT_MAP	include/asm-generic/io.h:1161	include/asm-generic/iomap.h:90	include/asm-generic/pci_iomap.h:28
y	HAVE_ACPI_APEI_NMI	include/linux/nmi.h:213
y	HAVE_ALIGNED_STRUCT_PAGE	include/linux/mm_types.h:67
y	HAVE_ARCH_BITREVERSE	include/linux/bitrev.h:7
y	HAVE_ARCH_COMPAT_MMAP_BASES	include/linux/mm_types.h:539
y	HAVE_ARCH_COMPILER_H	include/linux/compiler_types.h:125
y	HAVE_ARCH_HASH	include/linux/hash.h:44
y	HAVE_ARCH_HUGE_VMALLOC	include/linux/vmalloc.h:54	include/linux/vmalloc.h:213
y	HAVE_ARCH_HUGE_VMAP	include/linux/pgtable.h:1513	arch/arm64/include/asm/vmalloc.h:7	arch/powerpc/include/asm/vmalloc.h:7
y	HAVE_ARCH_JUMP_LABEL_RELATIVE	include/linux/jump_label.h:115
y	HAVE_ARCH_KGDB	include/linux/kgdb.h:20
y	HAVE_ARCH_MMAP_RND_BITS	include/linux/mm.h:84
y	HAVE_ARCH_MMAP_RND_COMPAT_BITS	include/linux/mm.h:89
y	HAVE_ARCH_NODEDATA_EXTENSION	include/linux/memory_hotplug.h:19
y	HAVE_ARCH_NODE_DEV_GROUP	include/linux/numa.h:56
y	HAVE_ARCH_PFN_VALID	include/linux/mmzone.h:1828	arch/arm/include/asm/page.h:159
y	HAVE_ARCH_PREL32_RELOCATIONS	include/asm-generic/export.h:16	include/asm-generic/export.h:25	include/linux/export.h:32
y	HAVE_ARCH_SECCOMP_FILTER	include/linux/seccomp.h:42	include/linux/seccomp.h:70
y	HAVE_ARCH_SOFT_DIRTY	include/linux/pgtable.h:1091	arch/mips/include/asm/pgtable-bits.h:58	arch/mips/include/asm/pgtable-bits.h:90
y	HAVE_ARCH_THREAD_STRUCT_WHITELIST	include/linux/sched/task.h:168
y	HAVE_ARCH_TRANSPARENT_HUGEPAGE_PUD	include/linux/huge_mm.h:19	include/linux/pfn_t.h:92	include/linux/pfn_t.h:115
y	HAVE_ARCH_USERFAULTFD_MINOR	include/linux/mm.h:377	include/trace/events/mmflags.h:159
y	HAVE_ARCH_USERFAULTFD_WP	include/asm-generic/pgtable_uffd.h:4	arch/x86/include/asm/pgtable.h:292	arch/x86/include/asm/pgtable.h:388
y	HAVE_ARCH_WITHIN_STACK_FRAMES	include/linux/thread_info.h:182
y	HAVE_ARM_SCU	arch/arm/include/asm/smp_scu.h:28	arch/arm/include/asm/smp_scu.h:54
y	HAVE_ARM_SMCCC	include/linux/arm-smccc.h:336
y	HAVE_ATOMIC_IOMAP	include/linux/io-mapping.h:30
y	HAVE_BOOTMEM_INFO_NODE	include/linux/bootmem_info.h:20
y	HAVE_CLK	include/linux/clk.h:378	include/linux/pm_clock.h:93
y	HAVE_CLK_PREPARE	include/linux/clk.h:305	include/linux/clk.h:363
m	HAVE_CONTEXT_TRACKING_USER_OFFSTACK	include/linux/context_tracking.h:55	include/linux/context_tracking.h:68
y	HAVE_DYNAMIC_FTRACE_NO_PATCHABLE	include/asm-generic/vmlinux.lds.h:157
y	HAVE_DYNAMIC_FTRACE_WITH_ARGS	include/linux/ftrace.h:107	arch/x86/include/asm/ftrace.h:50
y	HAVE_DYNAMIC_FTRACE_WITH_DIRECT_CALLS	include/linux/ftrace.h:434
y	HAVE_EBPF_JIT	include/linux/filter.h:1130
m	HAVE_EFFICIENT_UNALIGNED_ACCESS	include/crypto/algapi.h:157	include/crypto/algapi.h:177	include/linux/siphash.h:84
y	HAVE_EFFICIENT_UNALIGNED_ACCESS	include/asm-generic/flat.h:10	include/asm-generic/flat.h:19	include/linux/etherdevice.h:89
y	HAVE_EXIT_THREAD	include/linux/sched/task.h:80
m	HAVE_FAST_GUP	include/linux/mm.h:3206	include/linux/rmap.h:338	include/linux/rmap.h:349
y	HAVE_FENTRY	arch/x86/include/asm/ftrace.h:13
m	HAVE_FUNCTION_DESCRIPTORS	include/asm-generic/sections.h:77
y	HAVE_FUNCTION_DESCRIPTORS	include/asm-generic/sections.h:62	include/linux/kallsyms.h:51	arch/parisc/include/asm/sections.h:5
y	HAVE_HW_BREAKPOINT	include/linux/hw_breakpoint.h:8	include/linux/perf_event.h:38	include/linux/perf_event.h:177
y	HAVE_IMA_KEXEC	include/linux/ima.h:145
y	HAVE_IOREMAP_PROT	arch/sh/include/asm/io.h:264
y	HAVE_JUMP_LABEL_HACK	arch/x86/include/asm/jump_label.h:23
y	HAVE_KVM	arch/x86/include/asm/hardirq.h:18	arch/x86/include/asm/idtentry.h:734	arch/x86/include/asm/irq.h:32
y	HAVE_KVM_CPU_RELAX_INTERCEPT	include/linux/kvm_host.h:356	include/linux/kvm_host.h:2169
y	HAVE_KVM_DIRTY_RING	include/linux/kvm_dirty_ring.h:30
y	HAVE_KVM_EVENTFD	include/linux/kvm_host.h:738	include/linux/kvm_host.h:2003
y	HAVE_KVM_INVALID_WAKEUPS	include/linux/kvm_host.h:2214
y	HAVE_KVM_IRQCHIP	include/linux/kvm_host.h:757	include/linux/kvm_host.h:2032
y	HAVE_KVM_IRQFD	include/linux/kvm_host.h:763	include/linux/kvm_host.h:938	include/linux/kvm_host.h:2008
y	HAVE_KVM_IRQ_BYPASS	include/linux/kvm_host.h:2200
y	HAVE_KVM_IRQ_ROUTING	include/linux/kvm_host.h:648	include/linux/kvm_host.h:1981
y	HAVE_KVM_NO_POLL	include/linux/kvm_host.h:2228
y	HAVE_KVM_PM_NOTIFIER	include/linux/kvm_host.h:787	include/linux/kvm_host.h:1450
y	HAVE_KVM_VCPU_ASYNC_IOCTL	include/linux/kvm_host.h:2238
y	HAVE_KVM_VCPU_RUN_PID_CHANGE	include/linux/kvm_host.h:2255
y	HAVE_MARCH_Z196_FEATURES	arch/s390/include/asm/atomic_ops.h:45	arch/s390/include/asm/barrier.h:17	arch/s390/include/asm/percpu.h:53
y	HAVE_MEMBLOCK_PHYS_MAP	include/linux/memblock.h:117	include/linux/memblock.h:149
y	HAVE_MEMORYLESS_NODES	include/asm-generic/topology.h:66	include/linux/mmzone.h:1280	include/linux/topology.h:126
y	HAVE_MIXED_BREAKPOINTS_REGS	include/uapi/linux/hw_breakpoint.h:27
y	HAVE_MOD_ARCH_SPECIFIC	include/asm-generic/module.h:9
y	HAVE_NMI_WATCHDOG	include/linux/nmi.h:10	include/linux/nmi.h:91	include/linux/nmi.h:111
y	HAVE_PERF_REGS	include/linux/perf_regs.h:12
y	HAVE_PREEMPT_DYNAMIC_CALL	include/linux/entry-common.h:419	include/linux/kernel.h:97	include/linux/sched.h:2087
y	HAVE_PREEMPT_DYNAMIC_KEY	include/linux/entry-common.h:424	include/linux/kernel.h:108	include/linux/sched.h:2096
m	HAVE_RELIABLE_STACKTRACE	include/linux/livepatch.h:211
y	HAVE_RELIABLE_STACKTRACE	include/linux/stacktrace.h:99
y	HAVE_SETUP_PER_CPU_AREA	include/asm-generic/percpu.h:47	include/linux/percpu.h:125
y	HAVE_SRAM_POOL	arch/sh/include/asm/sram.h:5
y	HAVE_STATIC_CALL	include/linux/bpf.h:1005	include/linux/bpf.h:1038	include/linux/static_call.h:138
y	HAVE_STATIC_CALL_INLINE	include/asm-generic/vmlinux.lds.h:414	include/linux/module.h:506	include/linux/static_call.h:161
y	HAVE_SYSCALL_TRACEPOINTS	include/linux/tracepoint.h:101	include/trace/events/syscalls.h:16	include/trace/syscall.h:37
y	HAVE_TCM	arch/arm/include/asm/memory.h:140	arch/arm/include/asm/tcm.h:12
y	HAVE_UID16	include/linux/syscalls.h:1220	include/linux/types.h:39
y	HAVE_UNSTABLE_SCHED_CLOCK	include/linux/sched/clock.h:26
y	HEARTBEAT	arch/m68k/include/asm/machdep.h:34
y	HIBERNATE_CALLBACKS	include/linux/platform_device.h:342
y	HIBERNATION	include/linux/acpi.h:531	include/linux/suspend.h:435	arch/arm64/include/asm/kexec.h:83
y	HIBERNATION_SNAPSHOT_DEV	include/linux/suspend.h:471
y	HIDRAW	include/linux/hidraw.h:37
y	HID_BATTERY_STRENGTH	include/linux/hid.h:636
y	HID_PID	include/linux/hid.h:1233
m	HIGHMEM	include/linux/pagemap.h:172
y	HIGHMEM	include/linux/gfp.h:39	include/linux/highmem-internal.h:24	include/linux/highmem.h:268
y	HIGHPTE	include/linux/pgtable.h:97	arch/arm/include/asm/pgalloc.h:88
m	HIGH_RES_TIMERS	include/linux/hrtimer.h:315
y	HIGH_RES_TIMERS	include/linux/hrtimer.h:225	include/linux/hrtimer.h:319	include/linux/hrtimer_defs.h:7
y	HMEM_REPORTING	include/linux/node.h:66	include/linux/node.h:86
y	HOTPLUG_CPU	include/asm-generic/vmlinux.lds.h:141	include/linux/cpu.h:88	include/linux/cpu.h:133
m	HOTPLUG_PCI	include/linux/pci.h:2339
y	HOTPLUG_PCI	include/linux/pci.h:2339
y	HOTPLUG_PCI_ACPI	include/linux/pci-acpi.h:105
y	HOTPLUG_PCI_PCIE	include/linux/pci.h:490
y	HOTPLUG_PCI_S390	arch/s390/include/asm/pci.h:258
y	HOTPLUG_SMT	include/linux/cpu.h:232
y	HP300	arch/m68k/include/asm/irq.h:28	arch/m68k/include/asm/setup.h:39	arch/m68k/include/asm/setup.h:53
y	HPET_EMULATE_RTC	arch/x86/include/asm/hpet.h:77
y	HPET_TIMER	arch/x86/include/asm/hpet.h:7
y	HSI_BOARDINFO	include/linux/hsi/hsi.h:109
m	HSR	include/linux/if_hsr.h:32
m	HSU_DMA	include/linux/dma/hsu.h:39
m	HTE	include/linux/hte.h:181
y	HUGETLBFS	include/linux/hugetlb.h:512	include/linux/mm.h:3497
y	HUGETLB_PAGE	include/asm-generic/tlb.h:699	include/linux/hugetlb.h:28	include/linux/hugetlb.h:628
y	HUGETLB_PAGE_OPTIMIZE_VMEMMAP	include/linux/page-flags.h:207
y	HUGETLB_PAGE_SIZE_1MB	arch/sh/include/asm/page.h:32	arch/sh/include/asm/pgtable_32.h:141	arch/sh/include/asm/pgtable_32.h:152
y	HUGETLB_PAGE_SIZE_256K	arch/sh/include/asm/page.h:30	arch/sh/include/asm/pgtable_32.h:139
y	HUGETLB_PAGE_SIZE_4MB	arch/sh/include/asm/page.h:34	arch/sh/include/asm/pgtable_32.h:143
y	HUGETLB_PAGE_SIZE_64K	arch/sh/include/asm/page.h:28	arch/sh/include/asm/pgtable_32.h:137	arch/sh/include/asm/pgtable_32.h:150
y	HUGETLB_PAGE_SIZE_64MB	arch/sh/include/asm/page.h:36	arch/sh/include/asm/pgtable_32.h:145
y	HUGETLB_PAGE_SIZE_VARIABLE	include/linux/pageblock-flags.h:33
y	HVC_XEN	include/xen/hvc-console.h:7
y	HV_PERF_CTRS	arch/powerpc/include/asm/rtas.h:375
y	HWBM	include/net/hwbm.h:21
y	HWLAT_TRACER	include/linux/ftrace_irq.h:5	include/linux/ftrace_irq.h:17	include/linux/ftrace_irq.h:29
y	HWSPINLOCK	include/linux/hwspinlock.h:56
y	HW_CONSOLE	include/linux/console.h:110
y	HW_PERF_EVENTS	include/kvm/arm_pmu.h:15
m	HYPERV	include/asm-generic/mshyperv.h:168	arch/x86/include/asm/hardirq.h:43	arch/x86/include/asm/idtentry.h:744
y	HYPERVISOR_GUEST	arch/x86/include/asm/hypervisor.h:35
y	HYPERV_NET	include/linux/netdevice.h:150
y	HYPERV_TIMER	include/clocksource/hyperv_timer.h:23	arch/x86/include/asm/vdso/gettimeofday.h:55	arch/x86/include/asm/vdso/gettimeofday.h:238
v	HZ	include/asm-generic/param.h:8	arch/alpha/include/asm/param.h:8	arch/ia64/include/asm/param.h:15
m	I2C	include/linux/i2c.h:55	include/linux/i2c.h:457	include/linux/i2c.h:880
y	I2C_BOARDINFO	include/linux/i2c.h:506
m	I2C_MUX	include/linux/i2c.h:775
m	I2C_SLAVE	include/linux/i2c-smbus.h:33	include/linux/i2c.h:355	include/linux/i2c.h:386
m	I2C_SMBUS	include/linux/i2c-smbus.h:33	include/linux/i2c-smbus.h:46
m	I3C	include/linux/i3c/device.h:247	include/linux/i3c/device.h:269
y	I8259	arch/mips/include/asm/irq.h:47	arch/mips/include/asm/mach-generic/irq.h:15	arch/mips/include/asm/mach-generic/irq.h:24
m	IA32_EMULATION	arch/x86/include/asm/elf.h:364	arch/x86/include/asm/mmu_context.h:184	arch/x86/include/asm/syscall.h:140
y	IA32_EMULATION	arch/x86/include/asm/elf.h:83	arch/x86/include/asm/ftrace.h:109	arch/x86/include/asm/ia32.h:6
y	IA32_FEAT_CTL	arch/x86/include/asm/cpu.h:71
y	IA64	include/linux/acpi.h:273	include/linux/acpi.h:1092	include/linux/mm.h:353
y	IA64_CYCLONE	arch/ia64/include/asm/cyclone.h:5
y	IA64_DEBUG_CMPXCHG	arch/ia64/include/uapi/asm/cmpxchg.h:140
y	IA64_DEBUG_IRQ	arch/ia64/include/asm/irqflags.h:17	arch/ia64/include/asm/irqflags.h:54	arch/ia64/include/asm/irqflags.h:71
y	IA64_GRANULE_16MB	arch/ia64/include/asm/pgtable.h:490
y	IA64_GRANULE_64MB	arch/ia64/include/asm/pgtable.h:488
v	IA64_L1_CACHE_SHIFT	arch/ia64/include/asm/cache.h:12
y	IA64_PAGE_SIZE_16KB	arch/ia64/include/asm/page.h:34	arch/ia64/include/asm/ptrace.h:32
y	IA64_PAGE_SIZE_4KB	arch/ia64/include/asm/page.h:30	arch/ia64/include/asm/ptrace.h:28
y	IA64_PAGE_SIZE_64KB	arch/ia64/include/asm/page.h:36
y	IA64_PAGE_SIZE_8KB	arch/ia64/include/asm/page.h:32	arch/ia64/include/asm/ptrace.h:30
y	IA64_SGI_UV	arch/ia64/include/asm/uv/uv.h:5
y	IBM440EP_ERR42	arch/powerpc/include/asm/ppc_asm.h:440
m	IEEE802154	include/linux/netdevice.h:2198	include/net/cfg802154.h:377
m	IEEE802154_6LOWPAN	include/net/ndisc.h:119	include/net/net_namespace.h:135	include/net/net_namespace.h:512
y	IEEE802154_NL802154_EXPERIMENTAL	include/net/cfg802154.h:22	include/net/cfg802154.h:70	include/net/nl802154.h:136
y	IIO_ADIS_LIB_BUFFER	include/linux/iio/imu/adis.h:530
y	IIO_BUFFER	include/linux/iio/buffer_impl.h:7	include/linux/iio/common/st_sensors.h:265	include/linux/iio/gyro/itg3200.h:122
v	IIO_CONSUMERS_PER_TRIGGER	include/linux/iio/trigger.h:74	include/linux/iio/trigger.h:75
m	IIO_STM32_LPTIMER_TRIGGER	include/linux/iio/timer/stm32-lptim-trigger.h:18	include/linux/iio/timer/stm32-lptim-trigger.h:23
m	IIO_STM32_TIMER_TRIGGER	include/linux/iio/timer/stm32-timer-trigger.h:75	include/linux/iio/timer/stm32-timer-trigger.h:80
y	IIO_TRIGGER	include/linux/iio/common/st_sensors.h:269	include/linux/iio/trigger.h:13
y	ILLEGAL_POINTER_VALUE	include/linux/poison.h:12
v	ILLEGAL_POINTER_VALUE	include/linux/poison.h:13
y	IMA	include/linux/fs.h:678	include/linux/fs.h:3145	include/linux/ima.h:17
y	IMA_APPRAISE	include/linux/ima.h:187	include/linux/ima.h:221
y	IMA_APPRAISE_BOOTPARAM	include/linux/ima.h:44
y	IMA_BLACKLIST_KEYRING	include/keys/system_keyring.h:96
y	IMA_KEXEC	include/linux/ima.h:50	include/linux/ima.h:166	include/linux/kexec.h:374
y	IMA_MEASURE_ASYMMETRIC_KEYS	include/linux/ima.h:173
y	IMA_SECURE_AND_OR_TRUSTED_BOOT	include/linux/ima.h:151
m	IMX_DSP	include/linux/firmware/imx/dsp.h:54
m	IMX_SCU	include/linux/firmware/imx/sci.h:19	include/linux/firmware/imx/svc/rm.h:60
y	IMX_SCU	include/linux/firmware/imx/ipc.h:37	include/linux/firmware/imx/svc/misc.h:49
y	INDIRECT_IOMEM	include/asm-generic/logic_io.h:12
y	INDIRECT_IOMEM_FALLBACK	include/asm-generic/logic_io.h:14
y	INDIRECT_PIO	include/linux/logic_pio.h:40
m	INET	include/linux/indirect_call_wrapper.h:63	include/linux/indirect_call_wrapper.h:69
y	INET	include/linux/bpf.h:2595	include/linux/bpf.h:2744	include/linux/bpf_types.h:64
y	INFINIBAND_ON_DEMAND_PAGING	include/rdma/ib_umem_odp.h:83
m	INFINIBAND_USER_ACCESS	include/rdma/uverbs_ioctl.h:853
y	INFINIBAND_USER_MEM	include/rdma/ib_umem.h:74
m	INFINIBAND_VIRT_DMA	include/rdma/ib_verbs.h:3981
v	INIT_ON_ALLOC_DEFAULT_ON	include/linux/mm.h:3284	include/linux/mm.h:3287
v	INIT_ON_FREE_DEFAULT_ON	include/linux/mm.h:3293	include/linux/mm.h:3296
y	INLINE_READ_LOCK	include/linux/rwlock_api_smp.h:44
y	INLINE_READ_LOCK_BH	include/linux/rwlock_api_smp.h:52
y	INLINE_READ_LOCK_IRQ	include/linux/rwlock_api_smp.h:60
y	INLINE_READ_LOCK_IRQSAVE	include/linux/rwlock_api_smp.h:68
y	INLINE_READ_TRYLOCK	include/linux/rwlock_api_smp.h:76
y	INLINE_READ_UNLOCK	include/linux/rwlock_api_smp.h:84
y	INLINE_READ_UNLOCK_BH	include/linux/rwlock_api_smp.h:92
y	INLINE_READ_UNLOCK_IRQ	include/linux/rwlock_api_smp.h:100
y	INLINE_READ_UNLOCK_IRQRESTORE	include/linux/rwlock_api_smp.h:108
y	INLINE_SPIN_LOCK	include/linux/spinlock_api_smp.h:46
y	INLINE_SPIN_LOCK_BH	include/linux/spinlock_api_smp.h:50
y	INLINE_SPIN_LOCK_IRQ	include/linux/spinlock_api_smp.h:54
y	INLINE_SPIN_LOCK_IRQSAVE	include/linux/spinlock_api_smp.h:58
y	INLINE_SPIN_TRYLOCK	include/linux/spinlock_api_smp.h:62
y	INLINE_SPIN_TRYLOCK_BH	include/linux/spinlock_api_smp.h:66
y	INLINE_SPIN_UNLOCK_BH	include/linux/spinlock_api_smp.h:74
y	INLINE_SPIN_UNLOCK_IRQ	include/linux/spinlock_api_smp.h:78
y	INLINE_SPIN_UNLOCK_IRQRESTORE	include/linux/spinlock_api_smp.h:82
y	INLINE_WRITE_LOCK	include/linux/rwlock_api_smp.h:48
y	INLINE_WRITE_LOCK_BH	include/linux/rwlock_api_smp.h:56
y	INLINE_WRITE_LOCK_IRQ	include/linux/rwlock_api_smp.h:64
y	INLINE_WRITE_LOCK_IRQSAVE	include/linux/rwlock_api_smp.h:72
y	INLINE_WRITE_TRYLOCK	include/linux/rwlock_api_smp.h:80
y	INLINE_WRITE_UNLOCK	include/linux/rwlock_api_smp.h:88
y	INLINE_WRITE_UNLOCK_BH	include/linux/rwlock_api_smp.h:96
y	INLINE_WRITE_UNLOCK_IRQ	include/linux/rwlock_api_smp.h:104
y	INLINE_WRITE_UNLOCK_IRQRESTORE	include/linux/rwlock_api_smp.h:113
y	INOTIFY_USER	include/linux/fsnotify_backend.h:237	include/linux/user_namespace.h:49
y	INTC_BALANCING	include/linux/sh_intc.h:50	include/linux/sh_intc.h:71	arch/sh/include/asm/irq.h:48
y	INTC_USERIMASK	include/linux/sh_intc.h:144
y	INTEGRITY	include/linux/evm.h:61	include/linux/integrity.h:23
y	INTEGRITY_ASYMMETRIC_KEYS	include/linux/integrity.h:45
y	INTEGRITY_MACHINE_KEYRING	include/keys/system_keyring.h:48
y	INTEGRITY_PLATFORM_KEYRING	include/keys/system_keyring.h:110
y	INTEGRITY_TRUSTED_KEYRING	include/linux/ima.h:221
y	INTEL_IOMMU	include/linux/dmar.h:138	arch/ia64/include/asm/iommu.h:11
y	INTEL_IOMMU_SVM	arch/x86/include/asm/disabled-features.h:72
m	INTEL_PUNIT_IPC	arch/x86/include/asm/intel_punit_ipc.h:81
y	INTEL_TDX_GUEST	arch/x86/include/asm/disabled-features.h:84	arch/x86/include/asm/idtentry.h:677	arch/x86/include/asm/tdx.h:54
y	INTEL_TXT	include/linux/tboot.h:23	arch/x86/include/asm/fixmap.h:141
m	INTERCONNECT	include/linux/interconnect-provider.h:114	include/linux/interconnect.h:41
m	IOASID	include/linux/ioasid.h:34
m	IOMMUFD	include/linux/sched/user.h:27
y	IOMMU_API	include/linux/host1x.h:477	include/linux/iommu.h:176	arch/powerpc/include/asm/iommu.h:45
y	IOMMU_DEBUGFS	include/linux/iommu.h:1062
y	IOMMU_DMA	include/linux/iommu.h:1069
m	IOMMU_IOVA	include/linux/iova.h:78
y	IOMMU_SVA	include/linux/mm_types.h:708	include/linux/sched/mm.h:454	include/linux/sched.h:953
y	IOREMAP_FIXED	arch/sh/include/asm/fixmap.h:53
m	IOSF_MBI	arch/x86/include/asm/iosf_mbi.h:58
y	IO_36	arch/arm/include/asm/domain.h:33
y	IO_TRAPPED	arch/sh/include/asm/io_trapped.h:20
y	IO_URING	include/linux/io_uring.h:40	include/linux/lsm_hook_defs.h:411	include/linux/sched/user.h:26
m	IP6_NF_IPTABLES	include/linux/netfilter/ipset/ip_set_getport.h:12
y	IPC_NS	include/linux/ipc_namespace.h:131
y	IPSBAR	arch/m68k/include/asm/coldfire.h:45
v	IPSBAR	arch/m68k/include/asm/coldfire.h:46
m	IPV6	include/linux/errqueue.h:7	include/linux/errqueue.h:17	include/linux/filter.h:1513
y	IPV6	include/linux/icmpv6.h:24	include/linux/indirect_call_wrapper.h:60	include/linux/netfilter_ipv6.h:89
m	IPV6_MIP6	include/linux/ipv6.h:134	include/net/addrconf.h:99	include/net/rawv6.h:21
y	IPV6_MIP6	include/linux/ipv6.h:134	include/net/addrconf.h:99	include/net/rawv6.h:21
y	IPV6_MROUTE	include/linux/ipv6.h:54	include/linux/mroute6.h:14	include/linux/mroute6.h:28
y	IPV6_MROUTE_MULTIPLE_TABLES	include/linux/mroute6.h:67	include/net/netns/ipv6.h:102
y	IPV6_MULTIPLE_TABLES	include/net/ip6_fib.h:25	include/net/ip6_fib.h:405	include/net/ip6_fib.h:589
y	IPV6_NDISC_NODETYPE	include/linux/skbuff.h:967
y	IPV6_OPTIMISTIC_DAD	include/linux/ipv6.h:50
y	IPV6_ROUTER_PREF	include/linux/ipv6.h:39	include/net/ip6_fib.h:156
y	IPV6_ROUTE_INFO	include/linux/ipv6.h:42	include/net/ndisc.h:113
m	IPV6_RPL_LWTUNNEL	include/net/rpl.h:14
y	IPV6_SEG6_HMAC	include/linux/ipv6.h:73	include/net/seg6.h:39
m	IPV6_SIT	include/linux/netdevice.h:163
y	IPV6_SIT_6RD	include/net/ip_tunnels.h:87	include/net/ip_tunnels.h:139
y	IPV6_SUBTREES	include/linux/ipv6.h:216	include/net/ip6_fib.h:77	include/net/ip6_fib.h:94
m	IPV6_TUNNEL	include/linux/netdevice.h:163
m	IP_DCCP	include/net/inet_hashtables.h:184
y	IP_MROUTE	include/linux/mroute.h:13	include/net/netns/ipv4.h:214
y	IP_MROUTE_COMMON	include/linux/mroute_base.h:265	include/linux/mroute_base.h:393
y	IP_MROUTE_MULTIPLE_TABLES	include/net/netns/ipv4.h:215
y	IP_MULTIPLE_TABLES	include/net/ip_fib.h:164	include/net/ip_fib.h:198	include/net/ip_fib.h:287
y	IP_PIMSM_V1	include/linux/pim.h:73
y	IP_PIMSM_V2	include/linux/pim.h:73
y	IP_ROUTE_CLASSID	include/net/dst.h:369	include/net/ip_fib.h:109	include/net/ip_fib.h:445
y	IP_ROUTE_MULTIPATH	include/net/ip_fib.h:519	include/net/netns/ipv4.h:222
m	IP_SCTP	include/net/net_namespace.h:138	include/net/sctp/sctp.h:64
y	IP_SCTP	include/net/net_namespace.h:138
m	IP_VS	include/linux/skbuff.h:4836	include/net/net_namespace.h:168
y	IP_VS_DEBUG	include/net/ip_vs.h:190	include/net/ip_vs.h:271
y	IP_VS_IPV6	include/net/ip_vs.h:80	include/net/ip_vs.h:157	include/net/ip_vs.h:168
y	IP_VS_NFCT	include/net/ip_vs.h:922	include/net/ip_vs.h:1655	include/net/ip_vs.h:1702
y	IP_VS_PROTO_SCTP	include/net/ip_vs.h:872
y	IP_VS_PROTO_TCP	include/net/ip_vs.h:858	include/net/ip_vs.h:1765
y	IP_VS_PROTO_UDP	include/net/ip_vs.h:865	include/net/ip_vs.h:1771
m	IRQCHIP	include/linux/irqchip.h:53
y	IRQCHIP	include/linux/irqchip.h:82
v	IRQCHIP	include/asm-generic/vmlinux.lds.h:312
y	IRQSOFF_TRACER	include/linux/irqflags.h:151	arch/powerpc/include/asm/irqflags.h:16
y	IRQSTACKS	arch/parisc/include/asm/thread_info.h:27	arch/sh/include/asm/irq.h:40
y	IRQ_DOMAIN	include/linux/irqdesc.h:165	include/linux/irqdomain.h:239	arch/mips/include/asm/irq_cpu.h:14
y	IRQ_DOMAIN_HIERARCHY	include/linux/gpio/driver.h:64	include/linux/gpio/driver.h:668	include/linux/irq.h:186
y	IRQ_DOMAIN_NOMAP	include/linux/irqdomain.h:365
y	IRQ_FORCED_THREADING	include/linux/interrupt.h:509
y	IRQ_MIPS_CPU	arch/mips/include/asm/irqflags.h:68	arch/mips/include/asm/mach-generic/irq.h:21	arch/mips/include/asm/txx9irq.h:14
y	IRQ_MSI_IOMMU	include/linux/msi.h:152	include/linux/msi.h:225
y	IRQ_REMAP	include/linux/amd-iommu.h:163	include/linux/dmar.h:170	arch/x86/include/asm/irq_remapping.h:34
y	IRQ_TIME_ACCOUNTING	include/linux/psi_types.h:45	include/linux/psi_types.h:64	include/linux/sched/clock.h:88
y	IRQ_TIMINGS	include/linux/interrupt.h:815
y	IRQ_WORK	include/linux/irq_work.h:63	arch/x86/include/asm/idtentry.h:727	arch/x86/include/asm/trace/irq_vectors.h:59
m	IR_IMON_DECODER	include/media/rc-map.h:97
m	IR_JVC_DECODER	include/media/rc-map.h:51
m	IR_MCE_KBD_DECODER	include/media/rc-map.h:73
m	IR_NEC_DECODER	include/media/rc-map.h:62
m	IR_RC5_DECODER	include/media/rc-map.h:44
m	IR_RC6_DECODER	include/media/rc-map.h:79
m	IR_RCMM_DECODER	include/media/rc-map.h:102
m	IR_SANYO_DECODER	include/media/rc-map.h:68
m	IR_SHARP_DECODER	include/media/rc-map.h:87
m	IR_SONY_DECODER	include/media/rc-map.h:56
m	IR_XMP_DECODER	include/media/rc-map.h:92
y	ISA	include/asm-generic/parport.h:17	arch/m68k/include/asm/io_mm.h:91	arch/m68k/include/asm/io_mm.h:315
m	ISAPNP	include/linux/isapnp.h:58
y	ISAPNP	include/linux/isapnp.h:58	include/linux/pnp.h:324
y	ISA_BUS_API	include/linux/isa.h:27
m	ISA_DMA_API	include/linux/comedi/comedi_isadma.h:58
y	ISA_DMA_API	include/sound/core.h:333	arch/arm/include/asm/dma.h:17	arch/x86/include/asm/dma.h:150
y	ISCSI_IBFT_FIND	include/linux/iscsi_ibft.h:28
y	ITANIUM	arch/ia64/include/asm/delay.h:67	arch/ia64/include/asm/processor.h:598	arch/ia64/include/asm/processor.h:609
y	IWMMXT	arch/arm/include/asm/fpstate.h:70	arch/arm/include/asm/ucontext.h:46	arch/arm/include/asm/ucontext.h:84
y	JAILHOUSE_GUEST	arch/x86/include/asm/jailhouse_para.h:17
y	JBD2_DEBUG	include/linux/jbd2.h:50
y	JUMP_LABEL	include/linux/dynamic_debug.h:5	include/linux/dynamic_debug.h:51	include/linux/dynamic_debug.h:180
y	JUMP_LABEL_FEATURE_CHECKS	arch/powerpc/include/asm/cpu_has_feature.h:16	arch/powerpc/include/asm/cputable.h:100	arch/powerpc/include/asm/mmu.h:240
y	JUMP_LABEL_FEATURE_CHECK_DEBUG	arch/powerpc/include/asm/cpu_has_feature.h:31	arch/powerpc/include/asm/mmu.h:257
y	KALLSYMS	include/linux/kallsyms.h:68	include/linux/kdb.h:199	include/linux/module.h:442
m	KALLSYMS_ALL	include/linux/kallsyms.h:43
m	KASAN	include/linux/kasan-enabled.h:25	arch/powerpc/include/asm/interrupt.h:355	arch/powerpc/include/asm/interrupt.h:379
y	KASAN	include/linux/kasan.h:17	include/linux/kasan.h:98	include/linux/kasan.h:297
y	KASAN_GENERIC	include/asm-generic/vmlinux.lds.h:1029	include/linux/fortify-string.h:34	include/linux/kasan-checks.h:18
y	KASAN_HW_TAGS	include/linux/gfp_types.h:51	include/linux/kasan-enabled.h:7	include/linux/kasan-tags.h:9
v	KASAN_HW_TAGS	arch/arm64/include/asm/uaccess.h:159	arch/arm64/include/asm/uaccess.h:165
v	KASAN_SHADOW_OFFSET	arch/arm/include/asm/kasan_def.h:75	arch/arm64/include/asm/memory.h:73	arch/powerpc/include/asm/kasan.h:31
y	KASAN_STACK	include/linux/kasan.h:297
y	KASAN_SW_TAGS	include/linux/fortify-string.h:34	include/linux/kasan-checks.h:18	include/linux/kasan.h:31
y	KASAN_VMALLOC	include/linux/kasan.h:385	include/linux/kasan.h:472	include/linux/moduleloader.h:113
y	KCMP	include/linux/eventpoll.h:21
y	KCOV	include/linux/compiler-gcc.h:123	include/linux/kcov.h:10	include/linux/sched.h:1408
y	KCSAN	include/asm-generic/vmlinux.lds.h:1029	include/linux/kcsan-checks.h:29	include/linux/kcsan.h:16
m	KCSAN_ASSUME_PLAIN_WRITES_ATOMIC	include/asm-generic/bitops/instrumented-non-atomic.h:66
y	KCSAN_IGNORE_ATOMICS	include/linux/kcsan-checks.h:326
y	KCSAN_WEAK_MEMORY	include/linux/kcsan-checks.h:235	include/linux/kcsan-checks.h:258	include/linux/kcsan.h:55
y	KERNEL_BZIP2	arch/x86/include/asm/boot.h:27
y	KERNEL_MODE_NEON	arch/arm/include/asm/xor.h:151	arch/arm64/include/asm/simd.h:17	arch/arm64/include/asm/xor.h:14
y	KERNEL_START	arch/powerpc/include/asm/task_size_32.h:5
v	KERNEL_START	arch/powerpc/include/asm/page.h:80	arch/powerpc/include/asm/page.h:82
y	KERNEL_ZSTD	arch/x86/include/asm/boot.h:29
y	KERNFS	include/linux/kernfs.h:333
y	KEXEC	arch/arm/include/asm/kexec.h:5	arch/m68k/include/asm/kexec.h:5	arch/mips/include/asm/kexec.h:34
y	KEXEC_CORE	include/linux/kexec.h:30	arch/arm64/include/asm/kexec.h:83	arch/arm64/include/asm/kexec.h:98
y	KEXEC_ELF	include/linux/kexec.h:298
y	KEXEC_FILE	include/linux/kexec.h:107	include/linux/kexec.h:353	arch/arm64/include/asm/kexec.h:127
y	KEXEC_JUMP	include/linux/kexec.h:416
y	KEXEC_SIG	include/linux/kexec.h:135	include/linux/kexec.h:144	include/linux/kexec.h:216
y	KEYBOARD_HIL	arch/parisc/include/asm/kbdleds.h:13
y	KEYBOARD_HIL_OLD	arch/parisc/include/asm/kbdleds.h:13
y	KEYS	include/keys/user-type.h:14	include/linux/bpf.h:2876	include/linux/cred.h:133
m	KEYSTONE_NAVIGATOR_DMA	include/linux/soc/ti/knav_dma.h:158
y	KEYS_REQUEST_CACHE	include/linux/resume_user_mode.h:51
y	KEY_NOTIFICATIONS	include/linux/key.h:205	include/linux/lsm_hook_defs.h:279	include/linux/security.h:1406
y	KFENCE	include/linux/kfence.h:15	include/linux/slab.h:126	arch/arm64/include/asm/kfence.h:22
v	KFENCE_NUM_OBJECTS	include/linux/kfence.h:27
y	KFENCE_SAMPLE_INTERVAL	include/linux/kfence.h:119
y	KFENCE_STATIC_KEYS	include/linux/kfence.h:119
y	KGDB	include/linux/kgdb.h:24	arch/sparc/include/asm/head_32.h:46	arch/sparc/include/asm/ttable.h:196
y	KGDB_HONOUR_BLOCKLIST	include/linux/kgdb.h:348
y	KGDB_KDB	include/linux/kdb.h:80
y	KMAP_LOCAL	include/linux/highmem-internal.h:8	include/linux/sched.h:731	arch/x86/include/asm/fixmap.h:101
y	KMSAN	include/linux/fortify-string.h:344	include/linux/kmsan-checks.h:15	include/linux/kmsan.h:23
m	KPROBES	include/linux/kprobes.h:583
y	KPROBES	include/asm-generic/kprobes.h:6	include/asm-generic/vmlinux.lds.h:218	include/linux/kprobes.h:34
y	KPROBES_ON_FTRACE	include/linux/kprobes.h:383
y	KPROBES_SANITY_TEST	include/linux/kprobes.h:278
y	KPROBE_EVENTS	include/linux/trace_events.h:855
y	KRETPROBES	include/linux/kprobes.h:199	include/linux/kprobes.h:426	include/linux/kprobes.h:543
y	KRETPROBE_ON_RETHOOK	include/linux/kprobes.h:154	include/linux/kprobes.h:165	include/linux/kprobes.h:203
y	KSM	include/linux/ksm.h:18	include/linux/mm_types.h:711	include/linux/page-flags.h:684
m	KUNIT	include/kunit/visibility.h:13	include/linux/module.h:510	include/linux/sched.h:1378
y	KUNIT	include/kunit/test-bug.h:15	include/kunit/test.h:246
y	KUSER_HELPERS	arch/arm/include/asm/page.h:142	arch/arm/include/asm/tls.h:100	arch/arm64/include/asm/processor.h:58
m	KVM	arch/arm64/include/asm/virt.h:91	arch/arm64/include/asm/virt.h:106	arch/s390/include/asm/uv.h:423
y	KVM	include/linux/irqchip/arm-vgic-info.h:39	include/linux/perf/arm_pmu.h:169	arch/arm64/include/asm/kvm_host.h:928
y	KVM_AMD_SEV	include/linux/misc_cgroup.h:15
y	KVM_ASYNC_PF	include/linux/kvm_host.h:226	include/linux/kvm_host.h:347	include/trace/events/kvm.h:258
y	KVM_BOOK3S_32_HANDLER	arch/powerpc/include/asm/kvm_book3s.h:328	arch/powerpc/include/asm/processor.h:231
y	KVM_BOOK3S_64_HANDLER	arch/powerpc/include/asm/kvm_book3s.h:331	arch/powerpc/include/asm/kvm_ppc.h:26	arch/powerpc/include/asm/kvm_ppc.h:736
y	KVM_BOOK3S_HANDLER	arch/powerpc/include/asm/kvm_book3s_asm.h:25	arch/powerpc/include/asm/paca.h:238
y	KVM_BOOK3S_HV_EXIT_TIMING	arch/powerpc/include/asm/kvm_host.h:834
y	KVM_BOOK3S_HV_P9_TIMING	arch/powerpc/include/asm/kvm_host.h:837
y	KVM_BOOK3S_HV_POSSIBLE	arch/powerpc/include/asm/hmi.h:12	arch/powerpc/include/asm/kvm_book3s_64.h:124	arch/powerpc/include/asm/kvm_book3s_64.h:520
y	KVM_BOOK3S_PR_POSSIBLE	arch/powerpc/include/asm/kvm_book3s_64.h:111	arch/powerpc/include/asm/kvm_host.h:307	arch/powerpc/include/asm/kvm_host.h:777
y	KVM_BOOKE_HV	arch/powerpc/include/asm/kvm_booke_hv_asm.h:57	arch/powerpc/include/asm/kvm_host.h:544	arch/powerpc/include/asm/kvm_host.h:555
y	KVM_E500V2	arch/powerpc/include/asm/kvm_booke.h:102
y	KVM_EXIT_TIMING	arch/powerpc/include/asm/kvm_host.h:674
y	KVM_GENERIC_DIRTYLOG_READ_PROTECT	include/linux/kvm_host.h:1400
m	KVM_GUEST	arch/powerpc/include/asm/kvm_para.h:17
y	KVM_GUEST	arch/powerpc/include/asm/kvm_guest.h:9	arch/x86/include/asm/idtentry.h:758	arch/x86/include/asm/kvm_para.h:12
m	KVM_INTEL	arch/x86/include/asm/hardirq.h:9	arch/x86/include/asm/hardirq.h:64	arch/x86/include/asm/idtentry.h:627
y	KVM_MIPS_DEBUG_COP0_COUNTERS	arch/mips/include/asm/kvm_host.h:190
y	KVM_MMIO	include/linux/kvm_host.h:750
y	KVM_MPIC	arch/powerpc/include/asm/kvm_host.h:316	arch/powerpc/include/asm/kvm_ppc.h:835
y	KVM_XFER_TO_GUEST_WORK	include/linux/entry-kvm.h:13	include/linux/kvm_host.h:2270	include/linux/rcupdate.h:133
y	KVM_XICS	arch/powerpc/include/asm/kvm_host.h:319	arch/powerpc/include/asm/kvm_host.h:787	arch/powerpc/include/asm/kvm_ppc.h:595
y	KVM_XIVE	arch/powerpc/include/asm/kvm_ppc.h:652
y	LANTIQ	include/linux/lantiq.h:6
y	LATENCYTOP	include/linux/latencytop.h:16	include/linux/sched.h:1349
y	LD_DEAD_CODE_DATA_ELIMINATION	include/asm-generic/vmlinux.lds.h:99
y	LD_HEAD_STUB_CATCH	arch/powerpc/include/asm/head-64.h:75
y	LD_IS_LLD	arch/arm/include/asm/vmlinux.lds.h:33
y	LEDS_BRIGHTNESS_HW_CHANGED	include/linux/leds.h:159	include/linux/leds.h:568
m	LEDS_CLASS_FLASH	include/linux/led-class-flash.h:88
m	LEDS_CLASS_MULTICOLOR	include/linux/led-class-multicolor.h:33
y	LEDS_TRIGGERS	include/linux/leds.h:145	include/linux/leds.h:349	include/linux/power_supply.h:309
m	LEDS_TRIGGER_AUDIO	include/linux/leds.h:592
m	LEDS_TRIGGER_CAMERA	include/linux/leds.h:478
y	LEDS_TRIGGER_CAMERA	include/linux/leds.h:478
y	LEDS_TRIGGER_CPU	include/linux/leds.h:559
y	LEDS_TRIGGER_DISK	include/linux/leds.h:466
y	LEDS_TRIGGER_MTD	include/linux/leds.h:472
y	LED_TRIGGER_PHY	include/linux/phy.h:681	include/linux/phy_led_triggers.h:9
y	LEMOTE_FULOONG2E	arch/mips/include/asm/mach-loongson2ef/machine.h:10
y	LEMOTE_MACH2F	arch/mips/include/asm/mach-loongson2ef/machine.h:17
m	LIBFCOE	include/linux/netdevice.h:1515
y	LIRC	include/media/rc-core.h:198
m	LIVEPATCH	include/linux/livepatch.h:17
y	LIVEPATCH	include/linux/module.h:356	include/linux/module.h:516	include/linux/module.h:696
y	LIVEPATCH_64	arch/powerpc/include/asm/livepatch.h:13	arch/powerpc/include/asm/thread_info.h:60
y	LOAD_UEFI_KEYS	include/linux/efi.h:1334
m	LOCKDEP	include/linux/gfp_types.h:261	include/linux/irqdesc.h:247	include/linux/sched.h:103
y	LOCKDEP	include/linux/backing-dev.h:242	include/linux/completion.h:67	include/linux/debug_locks.h:50
y	LOCKD_V4	include/linux/lockd/bind.h:16	include/linux/lockd/lockd.h:24	include/linux/lockd/lockd.h:200
y	LOCKUP_DETECTOR	include/linux/nmi.h:14
y	LOCK_STAT	include/linux/lockdep.h:108	include/linux/lockdep.h:475	include/linux/lockdep_types.h:142
m	LOONGARCH	include/linux/hypervisor.h:40
y	LOONGARCH	include/drm/drm_cache.h:70	include/linux/acpi.h:273	include/linux/acpi.h:282
y	LOONGSON1_LS1B	arch/mips/include/asm/mach-loongson32/irq.h:35	arch/mips/include/asm/mach-loongson32/irq.h:61	arch/mips/include/asm/mach-loongson32/irq.h:77
y	LOONGSON1_LS1C	arch/mips/include/asm/mach-loongson32/irq.h:39	arch/mips/include/asm/mach-loongson32/irq.h:51	arch/mips/include/asm/mach-loongson32/irq.h:69
y	LOONGSON_UART_BASE	arch/mips/include/asm/mach-loongson2ef/loongson.h:29	arch/mips/include/asm/mach-loongson2ef/loongson.h:36
y	LRU_GEN	include/linux/memcontrol.h:328	include/linux/mm_inline.h:102	include/linux/mm_types.h:723
y	LRU_GEN_ENABLED	include/linux/mm_inline.h:104
y	LRU_GEN_STATS	include/linux/mmzone.h:388
y	LTO	include/linux/elfnote-lto.h:8	arch/arm64/include/asm/rwonce.h:8
y	LTO_CLANG	include/asm-generic/vmlinux.lds.h:99	include/linux/init.h:200	include/linux/pci.h:2121
y	LWTUNNEL	include/net/lwtunnel.h:56
y	M486	arch/x86/include/asm/vermagic.h:10
y	M486SX	arch/x86/include/asm/vermagic.h:8
y	M5206	arch/m68k/include/asm/mcfgpio.h:96	arch/m68k/include/asm/mcfgpio.h:174	arch/m68k/include/asm/mcfgpio.h:217
y	M5206e	arch/m68k/include/asm/m5206sim.h:39	arch/m68k/include/asm/m5206sim.h:88	arch/m68k/include/asm/m5206sim.h:130
y	M5206eC3	arch/m68k/include/asm/mcf8390.h:48
y	M520x	arch/m68k/include/asm/mcfgpio.h:97	arch/m68k/include/asm/mcfgpio.h:132	arch/m68k/include/asm/mcfgpio.h:189
y	M523x	arch/m68k/include/asm/mcfgpio.h:97	arch/m68k/include/asm/mcfgpio.h:132	arch/m68k/include/asm/mcfgpio.h:189
y	M5249	arch/m68k/include/asm/m525xsim.h:112	arch/m68k/include/asm/m525xsim.h:210	arch/m68k/include/asm/mcfgpio.h:118
y	M5249C3	arch/m68k/include/asm/m525xsim.h:221
y	M525x	arch/m68k/include/asm/mcfgpio.h:118	arch/m68k/include/asm/mcfgpio.h:184	arch/m68k/include/asm/mcfgpio.h:227
y	M5271	arch/m68k/include/asm/m527xsim.h:71	arch/m68k/include/asm/m527xsim.h:120	arch/m68k/include/asm/m527xsim.h:136
y	M5272	arch/m68k/include/asm/mcf8390.h:75	arch/m68k/include/asm/mcfdma.h:15	arch/m68k/include/asm/mcfgpio.h:109
y	M5275	arch/m68k/include/asm/m527xsim.h:78	arch/m68k/include/asm/m527xsim.h:109	arch/m68k/include/asm/m527xsim.h:126
y	M527x	arch/m68k/include/asm/mcfgpio.h:98	arch/m68k/include/asm/mcfgpio.h:133	arch/m68k/include/asm/mcfgpio.h:190
y	M528x	arch/m68k/include/asm/mcfgpio.h:98	arch/m68k/include/asm/mcfgpio.h:133	arch/m68k/include/asm/mcfgpio.h:141
y	M5307	arch/m68k/include/asm/m53xxacr.h:55	arch/m68k/include/asm/mcf8390.h:87	arch/m68k/include/asm/mcf8390.h:101
y	M5307C3	arch/m68k/include/asm/mcf8390.h:67
y	M53xx	arch/m68k/include/asm/m53xxacr.h:59	arch/m68k/include/asm/mcfgpio.h:99	arch/m68k/include/asm/mcfgpio.h:134
y	M5407	arch/m68k/include/asm/m54xxacr.h:49	arch/m68k/include/asm/m54xxacr.h:85	arch/m68k/include/asm/mcfgpio.h:109
y	M5407C3	arch/m68k/include/asm/mcf8390.h:123
y	M5441x	arch/m68k/include/asm/m54xxacr.h:59	arch/m68k/include/asm/mcfgpio.h:100	arch/m68k/include/asm/mcfgpio.h:135
y	M54xx	arch/m68k/include/asm/m54xxacr.h:54	arch/m68k/include/asm/mcfgpio.h:99	arch/m68k/include/asm/mcfgpio.h:134
y	M586	arch/x86/include/asm/vermagic.h:12
y	M586MMX	arch/x86/include/asm/vermagic.h:16
y	M586TSC	arch/x86/include/asm/vermagic.h:14
y	M68000	arch/m68k/include/asm/bitops.h:472
y	M68020	arch/m68k/include/asm/fpu.h:10	arch/m68k/include/asm/irq.h:34	arch/m68k/include/asm/setup.h:218
y	M68030	arch/m68k/include/asm/fpu.h:10	arch/m68k/include/asm/irq.h:34	arch/m68k/include/asm/setup.h:222
y	M68040	arch/m68k/include/asm/fpu.h:12	arch/m68k/include/asm/irq.h:35	arch/m68k/include/asm/setup.h:222
y	M68060	arch/m68k/include/asm/fpu.h:18	arch/m68k/include/asm/irq.h:35	arch/m68k/include/asm/setup.h:222
y	M686	arch/x86/include/asm/vermagic.h:22
y	M68K	include/linux/acct.h:52	include/linux/nvram.h:38	include/uapi/linux/acct.h:64
y	M68KFPU_EMU	arch/m68k/include/asm/fpu.h:14	arch/m68k/include/asm/setup.h:307
y	M68KFPU_EMU_ONLY	arch/m68k/include/asm/setup.h:308
y	MAC	arch/m68k/include/asm/irq.h:20	arch/m68k/include/asm/setup.h:37	arch/m68k/include/asm/setup.h:51
y	MAC80211_DEBUGFS	include/net/mac80211.h:1863	include/net/mac80211.h:4278
y	MAC80211_LEDS	include/net/mac80211.h:4625	include/net/mac80211.h:4650	include/net/mac80211.h:4671
y	MAC80211_MESH	include/linux/netdevice.h:153	include/net/mac80211.h:1884
y	MACH_JAZZ	arch/mips/include/asm/dma-mapping.h:11
y	MACH_LOONGSON64	arch/mips/include/asm/dmi.h:16
y	MACH_MMP2_DT	include/linux/soc/mmp/cputype.h:51
y	MACH_MMP3_DT	include/linux/soc/mmp/cputype.h:62
y	MACH_MVEBU_V7	include/linux/mvebu-pmsu.h:14
y	MACH_SPEAR1310	include/linux/clk/spear.h:25
y	MACH_SPEAR1340	include/linux/clk/spear.h:31
m	MACSEC	include/linux/netdevice.h:2370	include/linux/phy.h:729
m	MACVLAN	include/linux/if_macvlan.h:70
y	MAGIC_SYSRQ	include/linux/sysrq.h:39	include/linux/usb/serial.h:360
y	MAGIC_SYSRQ_SERIAL	include/linux/serial_core.h:901	include/linux/serial_core.h:1010
y	MAPLE_RCU_DISABLED	include/linux/maple_tree.h:597
y	MAPPED_KERNEL	arch/mips/include/asm/mach-ip27/kernel-entry-init.h:28	arch/mips/include/asm/sn/mapped_kernel.h:30
y	MAPPING_DIRTY_HELPERS	include/linux/mm.h:3568
y	MATH_EMULATION	arch/powerpc/include/asm/emulated_ops.h:36	arch/x86/include/asm/fpu/api.h:116	arch/x86/include/asm/required-features.h:14
y	MATOM	arch/x86/include/asm/required-features.h:46	arch/x86/include/asm/vermagic.h:20
v	MAX_PHYSMEM_BITS	arch/s390/include/asm/sparsemem.h:6
y	MBAR	arch/m68k/include/asm/coldfire.h:42
v	MBAR	arch/m68k/include/asm/coldfire.h:43	arch/m68k/include/asm/m54xxpci.h:21	arch/m68k/include/asm/m54xxpci.h:22
m	MCHP_CLK_MPFS	include/soc/microchip/mpfs.h:43
y	MCORE2	arch/x86/include/asm/vermagic.h:18
y	MCOUNT	arch/sparc/include/asm/ftrace.h:5
y	MCPM	arch/arm/include/asm/arm-cci.h:11
y	MCPM_QUAD_CLUSTER	arch/arm/include/asm/mcpm.h:21
y	MCRUSOE	arch/x86/include/asm/vermagic.h:40
m	MCTP	include/linux/netdevice.h:2204	include/net/net_namespace.h:180
m	MCTP_FLOWS	include/linux/skbuff.h:4716
y	MCYRIXIII	arch/x86/include/asm/vermagic.h:48
m	MDA_CONSOLE	include/linux/vt_buffer.h:19
y	MDA_CONSOLE	arch/powerpc/include/asm/vga.h:17
m	MDIO_DEVICE	include/linux/phy.h:1844
y	MEDIA_ATTACH	include/media/dvbdev.h:437
y	MEDIA_CEC_RC	include/media/rc-map.h:178
m	MEDIA_CONTROLLER	include/media/media-entity.h:714
y	MEDIA_CONTROLLER	include/media/media-dev-allocator.h:22	include/media/media-device.h:188	include/media/media-request.h:75
y	MEDIA_CONTROLLER_DVB	include/media/dvbdev.h:117	include/media/dvbdev.h:178	include/media/dvbdev.h:280
y	MEFFICEON	arch/x86/include/asm/vermagic.h:42
y	MELAN	arch/x86/include/asm/vermagic.h:38
y	MEMBARRIER	include/linux/mm_types.h:547	include/linux/sched/mm.h:400	include/linux/sched.h:2331
m	MEMCG	include/linux/cgroup_subsys.h:28
y	MEMCG	include/linux/memcontrol.h:61	include/linux/memcontrol.h:1705	include/linux/mm_inline.h:56
m	MEMCG_KMEM	include/linux/slab.h:369	include/linux/slab.h:389	include/trace/events/kmem.h:39
y	MEMCG_KMEM	include/linux/bpf.h:258	include/linux/bpf.h:1843	include/linux/list_lru.h:51
y	MEMFD_CREATE	include/linux/memfd.h:7
y	MEMORY_BALLOON	include/linux/vm_event_item.h:119
y	MEMORY_FAILURE	include/linux/hugetlb.h:48	include/linux/hugetlb.h:894	include/linux/mm.h:3442
y	MEMORY_HOTPLUG	include/asm-generic/vmlinux.lds.h:149	include/linux/ioport.h:324	include/linux/memory.h:119
y	MEMORY_HOTREMOVE	include/linux/ioport.h:321	include/linux/memory_hotplug.h:303
y	MEMORY_ISOLATION	include/linux/mmzone.h:61	include/linux/mmzone.h:802	include/linux/page-isolation.h:5
v	MEMORY_SIZE	arch/sh/include/asm/page.h:107
v	MEMORY_START	arch/sh/include/asm/page.h:106
y	MEMREGION	include/linux/memregion.h:11
y	MEMTEST	include/linux/memblock.h:601
y	MEM_SOFT_DIRTY	include/linux/mm.h:310	include/trace/events/mmflags.h:153	arch/powerpc/include/asm/book3s/64/pgtable.h:735
v	MESSAGE_LOGLEVEL_DEFAULT	include/linux/printk.h:50
y	MFD_ALTERA_SYSMGR	include/linux/mfd/altera-sysmgr.h:17
y	MFD_DB8500_PRCMU	include/linux/mfd/db8500-prcmu.h:696
m	MFD_INTEL_PMC_BXT	include/linux/mfd/intel_pmc_bxt.h:30
m	MFD_STM32_TIMERS	include/linux/mfd/stm32-timers.h:127
y	MFD_SYSCON	include/linux/mfd/syscon.h:19
y	MFD_WM5102	include/linux/mfd/arizona/core.h:177
y	MGEODEGX1	arch/x86/include/asm/vermagic.h:54
y	MGEODE_LX	arch/x86/include/asm/vermagic.h:56
y	MICROCODE	arch/x86/include/asm/microcode.h:128
y	MICROCODE_AMD	arch/x86/include/asm/microcode.h:69	arch/x86/include/asm/microcode_amd.h:46
y	MICROCODE_INTEL	arch/x86/include/asm/microcode.h:60	arch/x86/include/asm/microcode_intel.h:71
y	MIGRATION	include/linux/buffer_head.h:296	include/linux/memory-tiers.h:40	include/linux/migrate.h:63
y	MIPS	include/drm/drm_cache.h:50
y	MIPS32_COMPAT	arch/mips/include/asm/elf.h:376
m	MIPS32_N32	arch/mips/include/asm/elf.h:290	arch/mips/include/asm/seccomp.h:23
y	MIPS32_N32	arch/mips/include/asm/elf.h:347	arch/mips/include/asm/unistd.h:24	arch/mips/include/asm/vdso.h:49
m	MIPS32_O32	arch/mips/include/asm/elf.h:294	arch/mips/include/asm/seccomp.h:20
y	MIPS32_O32	arch/mips/include/asm/elf.h:359	arch/mips/include/asm/signal.h:14	arch/mips/include/asm/syscall.h:76
y	MIPSR2_TO_R6_EMULATOR	arch/mips/include/asm/mips-r2-to-r6-emul.h:85
y	MIPS_ALCHEMY	arch/mips/include/asm/hazards.h:79	arch/mips/include/asm/hazards.h:161
v	MIPS_ASID_BITS	arch/mips/include/asm/cpu-info.h:206
y	MIPS_ASID_BITS_VARIABLE	arch/mips/include/asm/cpu-info.h:54	arch/mips/include/asm/cpu-info.h:203	arch/mips/include/asm/cpu-info.h:212
v	MIPS_ASID_SHIFT	arch/mips/include/asm/cpu-info.h:198	arch/mips/include/asm/cpu-info.h:206
y	MIPS_AUTO_PFN_OFFSET	arch/mips/include/asm/mach-generic/spaces.h:25	arch/mips/include/asm/page.h:83
y	MIPS_CM	arch/mips/include/asm/mips-cm.h:63	arch/mips/include/asm/mips-cm.h:75	arch/mips/include/asm/mips-cm.h:91
y	MIPS_CMP	arch/mips/include/asm/smp-ops.h:85	arch/mips/include/asm/vpe.h:32
y	MIPS_CPC	arch/mips/include/asm/mips-cpc.h:36	arch/mips/include/asm/mips-cpc.h:52	arch/mips/include/asm/mips-cpc.h:151
y	MIPS_CPS	arch/mips/include/asm/smp-cps.h:33	arch/mips/include/asm/smp-ops.h:115
y	MIPS_EJTAG_FDC_EARLYCON	arch/mips/include/asm/cdmm.h:100
m	MIPS_ELF_APPENDED_DTB	arch/mips/include/asm/bootinfo.h:126
y	MIPS_FIXUP_BIGPHYS_ADDR	arch/mips/include/asm/pgtable.h:556
y	MIPS_FP_SUPPORT	arch/mips/include/asm/cpu-features.h:145	arch/mips/include/asm/dsemul.h:51	arch/mips/include/asm/dsemul.h:69
m	MIPS_GIC	arch/mips/include/asm/mips-gic.h:310
y	MIPS_HUGE_TLB_SUPPORT	arch/mips/include/asm/highmem.h:39	arch/mips/include/asm/mipsregs.h:215	arch/mips/include/asm/page.h:61
v	MIPS_L1_CACHE_SHIFT	arch/mips/include/asm/cache.h:14
y	MIPS_MT	arch/mips/include/asm/mips_mt.h:22	arch/mips/include/asm/pm-cps.h:17
y	MIPS_MT_FPAFF	arch/mips/include/asm/fpu.h:25	arch/mips/include/asm/processor.h:246	arch/mips/include/asm/processor.h:271
m	MIPS_MT_SMP	arch/mips/include/asm/cpu-info.h:168	arch/mips/include/asm/mips-cps.h:205
y	MIPS_MT_SMP	arch/mips/include/asm/cpu-features.h:633	arch/mips/include/asm/smp-ops.h:101
v	MIPS_NR_CPU_NR_MAP	arch/mips/include/asm/smp.h:42
y	MIPS_O32_FP64_SUPPORT	arch/mips/include/asm/elf.h:266
y	MIPS_PGD_C0_CONTEXT	arch/mips/include/asm/mmu_context.h:46	arch/mips/include/asm/thread_info.h:177
m	MIPS_RAW_APPENDED_DTB	arch/mips/include/asm/bootinfo.h:125
y	MIPS_SPRAM	arch/mips/include/asm/spram.h:5
y	MIPS_VA_BITS_48	arch/mips/include/asm/pgtable-64.h:87	arch/mips/include/asm/pgtable-64.h:102	arch/mips/include/asm/pgtable-64.h:118
y	MIPS_VPE_LOADER_MT	arch/mips/include/asm/vpe.h:128
y	MIPS_VPE_LOADER_TOM	arch/mips/include/asm/vpe.h:21
y	MITIGATE_SPECTRE_BRANCH_HISTORY	arch/arm64/include/asm/assembler.h:879	arch/arm64/include/asm/assembler.h:892	arch/arm64/include/asm/assembler.h:903
y	MITIGATION_ITS	include/linux/module.h:541	arch/x86/include/asm/alternative.h:85	arch/x86/include/asm/nospec-branch.h:274
y	MK6	arch/x86/include/asm/vermagic.h:32
y	MK7	arch/x86/include/asm/vermagic.h:34
y	MK8	arch/x86/include/asm/vermagic.h:36
y	MLX5_CORE_IPOIB	include/linux/mlx5/driver.h:1193
y	MLX5_ESWITCH	include/linux/mlx5/eswitch.h:77
y	MLX5_FPGA	include/linux/mlx5/driver.h:808
y	MLX5_MPFS	include/linux/mlx5/mpfs.h:10
y	MLX5_SF	include/linux/mlx5/driver.h:643
y	MLX5_SF_MANAGER	include/linux/mlx5/driver.h:648
y	MMC_CRYPTO	include/linux/mmc/core.h:166	include/linux/mmc/host.h:418	include/linux/mmc/host.h:518
y	MMIOTRACE	include/linux/mmiotrace.h:37
y	MMIOWB	include/asm-generic/mmiowb.h:20	arch/powerpc/include/asm/mmiowb.h:5	arch/powerpc/include/asm/paca.h:275
y	MMIO_NVRAM	arch/powerpc/include/asm/nvram.h:53
y	MMP_SRAM	include/linux/platform_data/dma-mmp_tdma.h:27
m	MMU	include/asm-generic/access_ok.h:37	arch/arm/include/asm/memory.h:340	arch/arm/include/asm/memory.h:347
y	MMU	include/asm-generic/early_ioremap.h:22	include/asm-generic/io.h:1066	include/asm-generic/page.h:9
m	MMU_GATHER_MERGE_VMAS	include/asm-generic/tlb.h:531
y	MMU_GATHER_NO_FLUSH_CACHE	include/asm-generic/tlb.h:515
y	MMU_GATHER_NO_GATHER	include/asm-generic/tlb.h:239	include/asm-generic/tlb.h:329
y	MMU_GATHER_NO_RANGE	include/asm-generic/tlb.h:371
y	MMU_GATHER_PAGE_SIZE	include/asm-generic/tlb.h:334	include/asm-generic/tlb.h:475
y	MMU_GATHER_RCU_TABLE_FREE	include/asm-generic/tlb.h:195	include/asm-generic/tlb.h:217	arch/sparc/include/asm/tlb_64.h:32
y	MMU_GATHER_TABLE_FREE	include/asm-generic/tlb.h:192	include/asm-generic/tlb.h:275
y	MMU_NOTIFIER	include/linux/kvm_host.h:767	include/linux/kvm_host.h:1937	include/linux/mm_types.h:669
y	MODIFY_LDT_SYSCALL	arch/x86/include/asm/mmu.h:38	arch/x86/include/asm/mmu_context.h:31	arch/x86/include/asm/mmu_context.h:80
m	MODULES	include/net/sock.h:555	include/net/sock.h:1754
y	MODULES	include/asm-generic/export.h:41	include/linux/cfi.h:28	include/linux/export.h:100
y	MODULES_TREE_LOOKUP	include/linux/module.h:337	include/linux/module.h:342
y	MODULES_USE_ELF_REL	include/asm-generic/module.h:22	include/asm-generic/module.h:39	include/linux/moduleloader.h:51
y	MODULES_USE_ELF_RELA	include/asm-generic/module.h:25	include/asm-generic/module.h:42	include/linux/moduleloader.h:74
y	MODULE_SECTIONS	arch/riscv/include/asm/module.h:13	arch/riscv/include/asm/module.lds.h:3
y	MODULE_SIG	include/linux/module.h:409	include/linux/module.h:879
y	MODULE_UNLOAD	include/linux/module.h:529	include/linux/module.h:622	include/linux/vermagic.h:25
y	MODVERSIONS	include/linux/vermagic.h:30
y	MPC10X_BRIDGE	arch/powerpc/include/asm/cputable.h:253
y	MPENTIUM4	arch/x86/include/asm/vermagic.h:30
y	MPENTIUMII	arch/x86/include/asm/vermagic.h:24
y	MPENTIUMIII	arch/x86/include/asm/vermagic.h:26
y	MPENTIUMM	arch/x86/include/asm/vermagic.h:28
y	MPIC	arch/powerpc/include/asm/mpic.h:396
y	MPIC_BROKEN_REGREAD	arch/powerpc/include/asm/mpic.h:327
y	MPIC_TIMER	arch/powerpc/include/asm/mpic_timer.h:26
y	MPIC_U3_HT_IRQS	arch/powerpc/include/asm/mpic.h:220	arch/powerpc/include/asm/mpic.h:250	arch/powerpc/include/asm/mpic.h:266
y	MPIC_WEIRD	arch/powerpc/include/asm/mpic.h:318
m	MPLS	include/net/net_namespace.h:171
m	MPLS_ROUTING	include/linux/netdevice.h:2201
y	MPROFILE_KERNEL	arch/powerpc/include/asm/vermagic.h:5
m	MPTCP	include/linux/skbuff.h:4713	include/linux/tcp.h:155	include/linux/tcp.h:429
y	MPTCP	include/net/mptcp.h:99	include/net/mptcp.h:296	include/net/netns/mib.h:27
m	MPTCP_IPV6	include/net/mptcp.h:56	include/net/mptcp.h:288
m	MRP	include/linux/netdevice.h:2320
y	MTD	include/linux/mtd/map.h:126
y	MTD_CFI_ADV_OPTIONS	include/linux/mtd/cfi_endian.h:12
y	MTD_CFI_BE_BYTE_SWAP	include/linux/mtd/cfi_endian.h:16
y	MTD_CFI_I1	include/linux/mtd/cfi.h:18	include/linux/mtd/cfi.h:73
y	MTD_CFI_I2	include/linux/mtd/cfi.h:25	include/linux/mtd/cfi.h:76
y	MTD_CFI_I4	include/linux/mtd/cfi.h:37	include/linux/mtd/cfi.h:79
y	MTD_CFI_I8	include/linux/mtd/cfi.h:49	include/linux/mtd/cfi.h:82
v	MTD_CFI_Ix	include/linux/mtd/cfi.h:62
y	MTD_CFI_LE_BYTE_SWAP	include/linux/mtd/cfi_endian.h:14
y	MTD_CFI_NOSWAP	include/linux/mtd/cfi_endian.h:12
y	MTD_COMPLEX_MAPPINGS	include/linux/mtd/map.h:206	include/linux/mtd/map.h:443
y	MTD_MAP_BANK_WIDTH_1	include/linux/mtd/map.h:21	include/linux/mtd/map.h:142
y	MTD_MAP_BANK_WIDTH_16	include/linux/mtd/map.h:90	include/linux/mtd/map.h:154
y	MTD_MAP_BANK_WIDTH_2	include/linux/mtd/map.h:31	include/linux/mtd/map.h:145
y	MTD_MAP_BANK_WIDTH_32	include/linux/mtd/map.h:110	include/linux/mtd/map.h:157
y	MTD_MAP_BANK_WIDTH_4	include/linux/mtd/map.h:47	include/linux/mtd/map.h:148
y	MTD_MAP_BANK_WIDTH_8	include/linux/mtd/map.h:68	include/linux/mtd/map.h:151
m	MTD_NAND_CORE	include/linux/mtd/nand-ecc-mxic.h:17	include/linux/mtd/nand.h:307
m	MTD_NAND_ECC_MXIC	include/linux/mtd/nand-ecc-mxic.h:17
m	MTD_NAND_ECC_SW_BCH	include/linux/mtd/nand-ecc-sw-bch.h:35	include/linux/mtd/nand.h:338
m	MTD_NAND_ECC_SW_HAMMING	include/linux/mtd/nand-ecc-sw-hamming.h:32	include/linux/mtd/nand.h:329
m	MTD_NAND_OMAP_BCH	include/linux/platform_data/elm.h:35
y	MTD_ONENAND_2X_PROGRAM	include/linux/mtd/onenand.h:173
m	MTD_ONENAND_OMAP2	include/linux/omap-gpmc.h:88
y	MTD_ONENAND_VERIFY_WRITE	include/linux/mtd/onenand.h:129
y	MTD_XIP	include/linux/mtd/xip.h:17
m	MTK_SMI	include/soc/mediatek/smi.h:12
y	MTRR	arch/x86/include/asm/io.h:335	arch/x86/include/asm/mtrr.h:34
y	MULTIUSER	include/linux/capability.h:203	include/linux/cred.h:56	include/linux/mnt_idmapping.h:29
y	MUTEX_SPIN_ON_OWNER	include/linux/mutex.h:69
y	MVEBU_MBUS	include/linux/mbus.h:85
y	MVIAC3_2	arch/x86/include/asm/vermagic.h:50
y	MVIAC7	arch/x86/include/asm/vermagic.h:52
y	MVME147	arch/m68k/include/asm/setup.h:40	arch/m68k/include/asm/setup.h:54	arch/m68k/include/asm/setup.h:68
y	MVME16x	arch/m68k/include/asm/setup.h:38	arch/m68k/include/asm/setup.h:52	arch/m68k/include/asm/setup.h:66
y	MWINCHIP3D	arch/x86/include/asm/vermagic.h:46
y	MWINCHIPC6	arch/x86/include/asm/vermagic.h:44
y	NEED_DMA_MAP_STATE	include/linux/dma-mapping.h:591
y	NEED_MACH_IO_H	arch/arm/include/asm/io.h:210
y	NEED_MACH_MEMORY_H	arch/arm/include/asm/memory.h:18
y	NEED_PER_CPU_EMBED_FIRST_CHUNK	include/linux/percpu.h:108
y	NEED_PER_CPU_PAGE_FIRST_CHUNK	include/linux/percpu.h:115	arch/powerpc/include/asm/percpu.h:18
y	NEED_SG_DMA_LENGTH	include/linux/scatterlist.h:16	include/linux/scatterlist.h:33
y	NET	include/linux/bpf-netns.h:28	include/linux/bpf.h:1425	include/linux/bpf.h:2507
y	NETFILTER	include/linux/netfilter.h:139	include/linux/netfilter_ipv6.h:70	include/net/net_namespace.h:141
y	NETFILTER_EGRESS	include/linux/netdevice.h:2262	include/linux/netfilter_netdev.h:53	include/linux/netfilter_netdev.h:145
y	NETFILTER_FAMILY_ARP	include/linux/netfilter.h:247	include/net/netns/netfilter.h:21
y	NETFILTER_FAMILY_BRIDGE	include/linux/netfilter.h:254	include/net/netns/netfilter.h:24
y	NETFILTER_INGRESS	include/linux/netdevice.h:2234	include/linux/netfilter_netdev.h:8	include/linux/netfilter_netdev.h:142
y	NETFILTER_SKIP_EGRESS	include/linux/netfilter_netdev.h:92	include/linux/netfilter_netdev.h:135	include/linux/skbuff.h:982
m	NETFILTER_SYNPROXY	include/net/netfilter/nf_conntrack_extend.h:28	include/net/netfilter/nf_conntrack_synproxy.h:16	include/net/netfilter/nf_conntrack_synproxy.h:25
y	NETFILTER_XTABLES_COMPAT	include/linux/netfilter/x_tables.h:161	include/linux/netfilter/x_tables.h:172	include/linux/netfilter/x_tables.h:202
m	NETFILTER_XT_TARGET_TRACE	include/linux/skbuff.h:4829	include/linux/skbuff.h:4849
y	NETLABEL	include/net/calipso.h:57	include/net/cipso_ipv4.h:103	include/net/cipso_ipv4.h:114
y	NETPOLL	include/linux/netdevice.h:360	include/linux/netdevice.h:2300	include/linux/netpoll.h:50
y	NETWORK_PHY_TIMESTAMPING	include/linux/mii_timestamper.h:83	include/linux/skbuff.h:4374
y	NETWORK_SECMARK	include/linux/skbuff.h:1015	include/linux/skbuff.h:4864	include/net/netfilter/nf_tables_core.h:22
y	NET_9P_DEBUG	include/net/9p/9p.h:47
m	NET_ACT_CT	include/net/netfilter/nf_conntrack_act_ct.h:16	include/net/netfilter/nf_conntrack_act_ct.h:26	include/net/netfilter/nf_conntrack_act_ct.h:40
y	NET_CLS	include/net/pkt_cls.h:44
y	NET_CLS_ACT	include/linux/netdevice.h:2230	include/linux/netdevice.h:2259	include/linux/skbuff.h:963
m	NET_DEVLINK	include/net/devlink.h:1862	include/trace/events/devlink.h:2
y	NET_DEV_REFCNT_TRACKER	include/linux/netdevice.h:4052	include/linux/netdevice.h:4063	include/linux/netdevice.h:4072
m	NET_DROP_MONITOR	include/linux/netdevice.h:2323
m	NET_DSA	include/linux/netdevice.h:2183	include/net/dsa.h:1322	include/net/dsa.h:1345
y	NET_EGRESS	include/linux/netdevice.h:3181	include/linux/rtnetlink.h:108
y	NET_EMATCH	include/net/pkt_cls.h:412
y	NET_FLOW_LIMIT	include/linux/netdevice.h:3168
m	NET_IFE	include/net/ife.h:9
y	NET_INGRESS	include/linux/rtnetlink.h:103
m	NET_IPGRE	include/linux/netdevice.h:162
m	NET_IPIP	include/linux/netdevice.h:162
m	NET_L3_MASTER_DEV	include/linux/ipv6.h:183	include/net/inet_sock.h:156	include/net/ip.h:117
y	NET_L3_MASTER_DEV	include/linux/ipv6.h:153	include/linux/netdevice.h:2120	include/linux/netdevice.h:5079
y	NET_MEDIATEK_SOC_WED	include/linux/soc/mediatek/mtk_wed.h:30	include/linux/soc/mediatek/mtk_wed.h:102	include/linux/soc/mediatek/mtk_wed.h:117
y	NET_NCSI	include/net/ncsi.h:33
y	NET_NS	include/linux/seq_file_net.h:12	include/linux/seq_file_net.h:20	include/linux/seq_file_net.h:33
y	NET_NS_REFCNT_TRACKER	include/net/net_namespace.h:327	include/net/net_namespace.h:335	include/net/net_trackers.h:12
m	NET_PKTGEN	include/net/xfrm.h:1617
y	NET_POLL_CONTROLLER	include/linux/if_macvlan.h:35	include/linux/if_team.h:62	include/linux/if_team.h:101
y	NET_PTP_CLASSIFY	include/linux/ptp_classify.h:79
y	NET_REDIRECT	include/linux/skbuff.h:979	include/linux/skbuff.h:5154
y	NET_RX_BUSY_POLL	include/linux/skbuff.h:1008	include/linux/skbuff.h:1218	include/net/busy_poll.h:28
y	NET_SCHED	include/linux/netdevice.h:2266	include/linux/skbuff.h:992	include/net/sch_generic.h:700
m	NET_SCH_TAPRIO	include/net/pkt_sched.h:188
m	NET_SELFTESTS	include/net/selftests.h:7
m	NET_SOCK_MSG	include/linux/skmsg.h:521
y	NET_SOCK_MSG	include/linux/skbuff.h:891	include/net/tcp.h:2361	include/net/tcp.h:2388
y	NET_SWITCHDEV	include/linux/skbuff.h:974	include/net/switchdev.h:289
m	NET_TC_SKB_EXT	include/linux/skbuff.h:322	include/linux/skbuff.h:4710	include/net/pkt_cls.h:794
y	NETtel	arch/m68k/include/asm/m5206sim.h:103	arch/m68k/include/asm/m5307sim.h:120	arch/m68k/include/asm/mcf8390.h:58
y	NEW_LEDS	include/linux/leds.h:541
y	NFSD_V4_2_INTER_SSC	include/linux/nfs_ssc.h:42
y	NFS_DEBUG	include/linux/nfs_fs.h:18
y	NFS_FSCACHE	include/linux/nfs_fs.h:239	include/linux/nfs_fs.h:366	include/linux/nfs_fs_sb.h:199
m	NFS_V4	include/linux/nfs_fs.h:226	include/linux/nfs_fs.h:518	include/linux/nfs_fs.h:557
m	NFS_V4_1	include/linux/nfs_fs_sb.h:115
y	NFS_V4_1	include/linux/nfs_xdr.h:1290
y	NFS_V4_2	include/linux/nfs_fs.h:244	include/linux/nfs_fs_sb.h:173	include/linux/nfs_xdr.h:1433
y	NFS_V4_SECURITY_LABEL	include/linux/nfs_fs.h:462
m	NF_CONNTRACK	include/linux/netfilter.h:448	include/linux/skbuff.h:42	include/linux/skbuff.h:896
y	NF_CONNTRACK	include/linux/skbuff.h:896	include/linux/skbuff.h:4821	include/linux/skbuff.h:4845
y	NF_CONNTRACK_EVENTS	include/net/netfilter/nf_conntrack.h:64	include/net/netfilter/nf_conntrack_ecache.h:32	include/net/netfilter/nf_conntrack_ecache.h:41
y	NF_CONNTRACK_LABELS	include/net/netfilter/nf_conntrack_extend.h:25	include/net/netfilter/nf_conntrack_labels.h:25	include/net/netfilter/nf_conntrack_labels.h:39
y	NF_CONNTRACK_MARK	include/net/netfilter/nf_conntrack.h:113
y	NF_CONNTRACK_PROCFS	include/net/netfilter/nf_conntrack_l4proto.h:58
y	NF_CONNTRACK_SECMARK	include/net/netfilter/nf_conntrack.h:117
y	NF_CONNTRACK_TIMEOUT	include/net/netfilter/nf_conntrack_extend.h:22	include/net/netfilter/nf_conntrack_timeout.h:28	include/net/netfilter/nf_conntrack_timeout.h:45
y	NF_CONNTRACK_TIMESTAMP	include/net/netfilter/nf_conntrack_extend.h:19	include/net/netfilter/nf_conntrack_timestamp.h:19	include/net/netfilter/nf_conntrack_timestamp.h:29
y	NF_CONNTRACK_ZONES	include/net/netfilter/nf_conntrack.h:92	include/net/netfilter/nf_conntrack_expect.h:32	include/net/netfilter/nf_conntrack_expect.h:88
y	NF_CT_PROTO_DCCP	include/net/netfilter/ipv4/nf_conntrack_ipv4.h:16	include/net/netfilter/nf_conntrack_l4proto.h:226	include/net/netns/conntrack.h:10
y	NF_CT_PROTO_GRE	include/net/netfilter/ipv4/nf_conntrack_ipv4.h:25	include/net/netfilter/nf_conntrack_l4proto.h:240	include/net/netns/conntrack.h:66
y	NF_CT_PROTO_SCTP	include/net/netfilter/ipv4/nf_conntrack_ipv4.h:19	include/net/netfilter/nf_conntrack_l4proto.h:233	include/net/netns/conntrack.h:13
y	NF_CT_PROTO_UDPLITE	include/net/netfilter/ipv4/nf_conntrack_ipv4.h:22
m	NF_DEFRAG_IPV4	include/net/netns/netfilter.h:27
m	NF_DEFRAG_IPV6	include/net/netns/ipv6.h:123	include/net/netns/netfilter.h:30
m	NF_FLOW_TABLE	include/net/net_namespace.h:29	include/net/net_namespace.h:149	include/net/netns/conntrack.h:31
y	NF_FLOW_TABLE_PROCFS	include/net/netfilter/nf_flow_table.h:371
m	NF_NAT	include/linux/icmpv6.h:55	include/linux/netfilter.h:397	include/net/icmp.h:46
y	NF_NAT	include/net/netfilter/nf_conntrack_bpf.h:32
m	NF_NAT_MASQUERADE	include/net/netfilter/nf_nat.h:33	include/net/netfilter/nf_nat.h:62
m	NF_NAT_PPTP	include/net/netfilter/nf_nat.h:25
m	NF_TABLES	include/linux/skbuff.h:4829	include/linux/skbuff.h:4849	include/net/net_namespace.h:146
y	NF_TABLES	include/net/net_namespace.h:146
y	NL80211_TESTMODE	include/net/cfg80211.h:4577	include/net/cfg80211.h:7591	include/net/mac80211.h:4357
y	NMI_IPI	arch/powerpc/include/asm/nmi.h:14	arch/powerpc/include/asm/smp.h:164
v	NOC_CLK_SRC	include/dt-bindings/clock/qcom,gcc-apq8084.h:19	include/dt-bindings/clock/qcom,gcc-msm8974.h:11	include/dt-bindings/clock/qcom,gcc-msm8994.h:151
y	NODES_SHIFT	include/linux/numa.h:7
v	NODES_SHIFT	include/linux/numa.h:8
y	NOINSTR_VALIDATION	include/linux/instrumentation.h:5
y	NONSTATIC_KERNEL	arch/powerpc/include/asm/kdump.h:36	arch/powerpc/include/asm/page.h:84	arch/powerpc/include/asm/page.h:112
m	NOP_USB_XCEIV	include/linux/usb/usb_phy_generic.h:7
y	NOT_COHERENT_CACHE	include/drm/drm_cache.h:48	arch/powerpc/include/asm/cache.h:36
y	NO_GENERIC_PCI_IOPORT_MAP	include/asm-generic/pci_iomap.h:25
y	NO_HZ_COMMON	include/linux/sched/nohz.h:9	include/linux/sched/nohz.h:16	include/linux/sched/nohz.h:26
y	NO_HZ_FULL	include/linux/hardirq.h:16	include/linux/rcupdate.h:133	include/linux/sched/signal.h:166
y	NR_CPUS	include/asm-generic/qspinlock_types.h:74	include/linux/threads.h:15
v	NR_CPUS	include/linux/threads.h:17	include/linux/threads.h:21	arch/x86/include/asm/fixmap.h:28
v	NR_IRQS	arch/powerpc/include/asm/irq.h:23
y	NTB_MSI	include/linux/ntb.h:436	include/linux/ntb.h:1665
y	NTP_PPS	include/linux/pps_kernel.h:36	include/linux/pps_kernel.h:106	include/linux/pps_kernel.h:115
y	NUMA	include/asm-generic/numa.h:5	include/asm-generic/topology.h:30	include/asm-generic/topology.h:48
y	NUMA_BALANCING	include/linux/migrate.h:135	include/linux/mm.h:1314	include/linux/mm.h:3025
y	NUMA_EMU	arch/x86/include/asm/numa.h:73
y	NUMA_KEEP_MEMINFO	include/linux/numa.h:19	arch/x86/include/asm/sparsemem.h:35
m	NVMEM	include/linux/nvmem-consumer.h:56	include/linux/nvmem-consumer.h:245	include/linux/nvmem-provider.h:128
m	OABI_COMPAT	arch/arm/include/asm/syscall.h:25	arch/arm/include/asm/syscall.h:36
y	OABI_COMPAT	include/linux/eventpoll.h:71	arch/arm/include/asm/unistd.h:28
y	OBJTOOL	include/linux/compiler.h:112	include/linux/objtool.h:46	arch/x86/include/asm/alternative.h:102
y	ODD_RT_SIGACTION	include/linux/compat.h:752	include/linux/syscalls.h:725
m	OF	include/drm/drm_of.h:6	include/drm/drm_of.h:144	include/linux/device.h:910
y	OF	include/drm/drm_bridge.h:742	include/drm/drm_bridge.h:813	include/drm/drm_bridge.h:957
y	OF_ADDRESS	include/linux/of_address.h:42	include/linux/of_platform.h:73	include/linux/of_platform.h:129
y	OF_DYNAMIC	include/linux/of.h:37	include/linux/of.h:121	include/linux/of.h:211
y	OF_EARLY_FLATTREE	include/linux/of_fdt.h:43
y	OF_FLATTREE	include/linux/of_fdt.h:21
m	OF_GPIO	include/linux/gpio/consumer.h:605
y	OF_GPIO	include/linux/gpio/driver.h:508	include/linux/of_gpio.h:35
y	OF_IOMMU	include/linux/of_iommu.h:9
m	OF_IRQ	include/linux/of_pci.h:31
y	OF_IRQ	include/linux/of_irq.h:40	include/linux/of_irq.h:110
y	OF_KOBJ	include/linux/of.h:43	include/linux/of.h:63	include/linux/of.h:109
m	OF_MDIO	include/linux/of_mdio.h:15
y	OF_NUMA	include/linux/of.h:880
y	OF_OVERLAY	include/linux/of.h:1606
y	OF_PROMTREE	include/linux/of.h:40
y	OF_RESERVED_MEM	include/linux/of_reserved_mem.h:30
v	OF_RESERVED_MEM	include/asm-generic/vmlinux.lds.h:314
y	OLDMASK	arch/m68k/include/asm/m5307sim.h:58
y	OLD_SIGACTION	include/linux/signal_types.h:58	include/linux/syscalls.h:1199
y	OLD_SIGSUSPEND	include/linux/syscalls.h:1191
y	OLD_SIGSUSPEND3	include/linux/syscalls.h:1195
y	OLPC	arch/x86/include/asm/olpc.h:17	arch/x86/include/asm/olpc_ofw.h:10
y	OLPC_EC	include/linux/olpc-ec.h:44
y	OLPC_XO1_PM	arch/x86/include/asm/olpc.h:79
y	OMAP2_VRFB	include/video/omapvrfb.h:26
m	OMAP_CONTROL_PHY	include/linux/phy/omap_control_phy.h:68
m	OMAP_GPMC	include/linux/omap-gpmc.h:30
y	OMAP_IOMMU	include/linux/omap-iommu.h:15
y	OMAP_MUX	include/linux/soc/ti/omap1-mux.h:305
m	OMAP_USB2	include/linux/phy/omap_usb.h:16
y	OMAP_USB2	include/linux/phy/omap_usb.h:16
y	OPTPROBES	include/linux/kprobes.h:349	include/linux/kprobes.h:536
y	OSNOISE_TRACER	include/linux/ftrace_irq.h:10	include/linux/ftrace_irq.h:21	include/linux/ftrace_irq.h:33
y	OUTER_CACHE	arch/arm/include/asm/cacheflush.h:405	arch/arm/include/asm/outercache.h:34
y	OUTER_CACHE_SYNC	arch/arm/include/asm/outercache.h:22
y	P2SB	include/linux/platform_data/x86/p2sb.h:15
y	PA20	arch/parisc/include/asm/assembly.h:32	arch/parisc/include/asm/cache.h:23	arch/parisc/include/asm/ldcw.h:37
y	PA8X00	arch/parisc/include/asm/processor.h:281
y	PADATA	include/linux/padata.h:175
y	PAGE_EXTENSION	include/linux/mmzone.h:1114	include/linux/mmzone.h:1652	include/linux/page_ext.h:17
y	PAGE_IDLE_FLAG	include/linux/page-flags.h:131	include/linux/page-flags.h:591	include/linux/page_ext.h:22
v	PAGE_OFFSET	arch/arm/include/asm/memory.h:29	arch/arm/include/asm/memory.h:39	arch/powerpc/include/asm/page.h:81
y	PAGE_OWNER	include/linux/page_owner.h:7	include/linux/sched.h:945
y	PAGE_POISONING	include/linux/mm.h:3249
m	PAGE_POOL	include/linux/skbuff.h:5197
y	PAGE_POOL	include/linux/skbuff.h:3486	include/linux/skbuff.h:3505	include/linux/skbuff.h:5188
y	PAGE_POOL_STATS	include/net/page_pool.h:87	include/net/page_pool.h:163	include/net/page_pool.h:197
y	PAGE_SIZE_16KB	arch/mips/include/asm/mipsregs.h:192	arch/mips/include/asm/mipsregs.h:209	arch/mips/include/asm/page.h:26
y	PAGE_SIZE_32KB	arch/mips/include/asm/mipsregs.h:194	arch/mips/include/asm/mipsregs.h:211	arch/mips/include/asm/page.h:29
y	PAGE_SIZE_4KB	arch/mips/include/asm/mipsregs.h:188	arch/mips/include/asm/mipsregs.h:205	arch/mips/include/asm/page.h:20
y	PAGE_SIZE_64KB	arch/mips/include/asm/mipsregs.h:196	arch/mips/include/asm/mipsregs.h:213	arch/mips/include/asm/page.h:32
y	PAGE_SIZE_8KB	arch/mips/include/asm/mipsregs.h:190	arch/mips/include/asm/mipsregs.h:207	arch/mips/include/asm/page.h:23
y	PAGE_TABLE_CHECK	include/linux/page_table_check.h:10	arch/arm64/include/asm/pgtable.h:866	arch/riscv/include/asm/pgtable.h:663
m	PAGE_TABLE_ISOLATION	arch/x86/include/asm/pgtable.h:895	arch/x86/include/asm/pgtable.h:941	arch/x86/include/asm/pgtable_64.h:146
y	PAGE_TABLE_ISOLATION	include/linux/pti.h:5	arch/x86/include/asm/disabled-features.h:47	arch/x86/include/asm/pgalloc.h:37
y	PAHOLE_HAS_BTF_TAG	include/linux/compiler_types.h:24
y	PARAVIRT	arch/arm/include/asm/paravirt.h:5	arch/arm64/include/asm/paravirt.h:5	arch/x86/include/asm/apic.h:98
y	PARAVIRT_CLOCK	arch/x86/include/asm/pvclock.h:96	arch/x86/include/asm/vdso/gettimeofday.h:45	arch/x86/include/asm/vdso/gettimeofday.h:196
y	PARAVIRT_DEBUG	arch/x86/include/asm/paravirt_types.h:435
y	PARAVIRT_SPINLOCKS	arch/powerpc/include/asm/qspinlock.h:10	arch/powerpc/include/asm/qspinlock.h:47	arch/powerpc/include/asm/spinlock.h:16
y	PARAVIRT_TIME_ACCOUNTING	arch/powerpc/include/asm/paravirt.h:25
y	PARAVIRT_XXL	arch/x86/include/asm/debugreg.h:11	arch/x86/include/asm/desc.h:107	arch/x86/include/asm/fixmap.h:108
y	PARISC	include/linux/mm.h:351	include/trace/events/mmflags.h:145
y	PARISC_PAGE_SIZE_16KB	arch/parisc/include/asm/page.h:9	arch/parisc/include/asm/pgtable.h:459
y	PARISC_PAGE_SIZE_4KB	arch/parisc/include/asm/page.h:7	arch/parisc/include/asm/page.h:169	arch/parisc/include/asm/page.h:172
y	PARISC_PAGE_SIZE_64KB	arch/parisc/include/asm/page.h:11	arch/parisc/include/asm/pgtable.h:461
y	PARPORT_NOT_PC	include/linux/parport.h:523
y	PARPORT_PC_FIFO	arch/sparc/include/asm/parport_64.h:25
y	PARTITION_PERCPU	include/linux/irqchip/irq-partition-percpu.h:21
y	PCC	include/acpi/pcc.h:37
m	PCI	include/linux/of_pci.h:11
y	PCI	include/acpi/acpi_drivers.h:59	include/acpi/platform/aclinux.h:36	include/asm-generic/pci_iomap.h:11
y	PCIC_PCI	arch/sparc/include/asm/pcic.h:33
y	PCIEAER	include/linux/aer.h:43	include/linux/pci.h:351	include/linux/pci.h:1752
y	PCIEASPM	include/linux/pci.h:405	include/linux/pci.h:1736
y	PCIEPORTBUS	include/linux/pci.h:355	include/linux/pci.h:1720	include/linux/pci.h:2583
y	PCIE_DPC	include/linux/pci.h:504
y	PCIE_EDR	include/linux/pci-acpi.h:125
y	PCIE_PTM	include/linux/pci.h:493	include/linux/pci.h:1760
y	PCI_8260	arch/powerpc/include/asm/mpc8260.h:20
y	PCI_ATS	include/linux/pci-ats.h:7	include/linux/pci.h:509
y	PCI_BIOS	arch/x86/include/asm/pci_x86.h:141
y	PCI_DIRECT	arch/x86/include/asm/pci_x86.h:133
y	PCI_DOMAINS	include/asm-generic/pci.h:22	include/linux/pci.h:1786	arch/arm/include/asm/pci.h:15
y	PCI_DOMAINS_GENERIC	include/linux/pci.h:676	include/linux/pci.h:1799	arch/mips/include/asm/pci.h:42
y	PCI_DRIVERS_GENERIC	arch/mips/include/asm/mach-ralink/spaces.h:9
y	PCI_DRIVERS_LEGACY	arch/mips/include/asm/pci.h:23
y	PCI_ENDPOINT_CONFIGFS	include/linux/pci-ep-cfs.h:14
m	PCI_HOST_COMMON	include/linux/pci-ecam.h:96
y	PCI_IOV	include/linux/pci.h:108	include/linux/pci.h:546	include/linux/pci.h:2267
y	PCI_MMCONFIG	include/linux/pci.h:2254	arch/x86/include/asm/fixmap.h:104	arch/x86/include/asm/mmconfig.h:5
y	PCI_MSI	include/linux/msi.h:231	include/linux/pci.h:499	include/linux/pci.h:738
y	PCI_MSI_ARCH_FALLBACKS	include/linux/msi.h:267	include/linux/msi.h:278
y	PCI_MSI_IRQ_DOMAIN	include/linux/msi.h:470	arch/x86/include/asm/pci.h:24	arch/x86/include/asm/pci.h:55
v	PCI_NR_FUNCTIONS	arch/s390/include/asm/pci.h:27
m	PCI_P2PDMA	include/linux/memremap.h:173
y	PCI_P2PDMA	include/linux/dma-map-ops.h:436	include/linux/pci-p2pdma.h:19	include/linux/pci.h:526
y	PCI_PASID	include/linux/pci-ats.h:37	include/linux/pci.h:522
y	PCI_PRI	include/linux/pci-ats.h:26	include/linux/pci.h:517
y	PCI_QUIRKS	include/linux/pci-ecam.h:83	include/linux/pci.h:2209
y	PCI_XEN	include/linux/msi.h:278	arch/x86/include/asm/xen/pci.h:5	arch/x86/include/asm/xen/pci.h:27
m	PCMCIA	include/pcmcia/ss.h:200	include/pcmcia/ss.h:242	arch/arm/include/asm/io.h:186
y	PCMCIA	include/pcmcia/ss.h:200	include/pcmcia/ss.h:242
y	PCPU_DEV_REFCNT	include/linux/netdevice.h:2279	include/linux/netdevice.h:4029	include/linux/netdevice.h:4040
m	PERF_EVENTS	arch/powerpc/include/asm/hw_irq.h:353	arch/s390/include/asm/pai.h:54	arch/s390/include/asm/pai.h:67
y	PERF_EVENTS	include/linux/bpf_types.h:99	include/linux/bpf_types.h:141	include/linux/lsm_hook_defs.h:403
y	PERF_EVENTS_AMD_BRS	arch/x86/include/asm/perf_event.h:571
y	PERSISTENT_KEYRINGS	include/linux/user_namespace.h:94
y	PFAULT	arch/s390/include/asm/setup.h:118
m	PGSTE	arch/s390/include/asm/page.h:178
y	PGSTE	arch/s390/include/asm/elf.h:193	arch/s390/include/asm/mmu_context.h:32	arch/s390/include/asm/pgtable.h:501
y	PGTABLE_LEVELS	include/asm-generic/pgalloc.h:106	include/asm-generic/pgalloc.h:148	include/linux/pgtable.h:18
v	PGTABLE_LEVELS	include/linux/pgtable.h:19	arch/arm64/include/asm/kernel-pgtable.h:38	arch/arm64/include/asm/kernel-pgtable.h:40
m	PHYLIB	include/linux/phy.h:1461	include/linux/phy.h:1546	include/linux/phy.h:1762
y	PHYSICAL_ALIGN	arch/powerpc/include/asm/page_32.h:7	arch/powerpc/include/asm/page_32.h:8	arch/x86/include/asm/boot.h:22
v	PHYSICAL_ALIGN	arch/x86/include/asm/boot.h:11	arch/x86/include/asm/boot.h:12	arch/x86/include/asm/page_types.h:35
y	PHYSICAL_START	arch/powerpc/include/asm/page_32.h:7	arch/powerpc/include/asm/page_32.h:8	arch/sh/include/asm/page.h:113
v	PHYSICAL_START	arch/powerpc/include/asm/page.h:82	arch/powerpc/include/asm/page.h:98	arch/sh/include/asm/page.h:114
y	PHYS_64BIT	arch/powerpc/include/asm/book3s/32/mmu-hash.h:34	arch/powerpc/include/asm/fsl_hcalls.h:140	arch/powerpc/include/asm/fsl_hcalls.h:194
m	PHYS_ADDR_T_64BIT	arch/x86/include/asm/kmsan.h:54
y	PHYS_ADDR_T_64BIT	include/linux/pgtable.h:1655	include/linux/types.h:153	arch/mips/include/asm/highmem.h:39
v	PHYS_OFFSET	arch/arm/include/asm/memory.h:157
v	PHYS_RAM_BASE	arch/riscv/include/asm/pgtable.h:130	arch/riscv/include/asm/xip_fixup.h:22
y	PIC32MZDA	arch/mips/include/asm/mach-pic32/spaces.h:9
m	PID_IN_CONTEXTIDR	arch/arm64/include/asm/mmu_context.h:31
y	PID_NS	include/linux/pid_namespace.h:40
m	PINCTRL	include/linux/pinctrl/pinctrl.h:229
y	PINCTRL	include/linux/device.h:602	include/linux/gpio/driver.h:735	include/linux/pinctrl/consumer.h:25
y	PLAT_ORION	include/linux/mbus.h:57
m	PM	include/linux/pm.h:447
y	PM	include/acpi/acpi_bus.h:543	include/acpi/acpi_bus.h:674	include/linux/acpi.h:1104
y	PMAC_MEDIABAY	arch/powerpc/include/asm/macio.h:134	arch/powerpc/include/asm/mediabay.h:23
y	PMB	arch/sh/include/asm/mmu.h:57	arch/sh/include/asm/page.h:134
y	PM_AUTOSLEEP	include/linux/suspend.h:599
y	PM_CLK	include/linux/pm.h:607	include/linux/pm_clock.h:32
y	PM_DEVFREQ	include/linux/devfreq.h:226	include/linux/devfreq.h:339
y	PM_DEVFREQ_EVENT	include/linux/devfreq-event.h:100
y	PM_GENERIC_DOMAINS	include/linux/pm.h:612	include/linux/pm_domain.h:211
y	PM_GENERIC_DOMAINS_OF	include/linux/pm_domain.h:320
y	PM_GENERIC_DOMAINS_SLEEP	include/linux/pm_domain.h:300
y	PM_OPP	include/linux/cpufreq.h:702	include/linux/pm_opp.h:95	include/linux/pm_opp.h:432
m	PM_SLEEP	include/linux/pm.h:448
y	PM_SLEEP	include/linux/acpi.h:535	include/linux/acpi.h:1129	include/linux/clk/tegra.h:38
y	PM_SLEEP_DEBUG	include/linux/suspend.h:545
y	PM_SLEEP_SMP	include/linux/cpu.h:161
m	PM_SLEEP_SMP_NONZERO_CPU	include/linux/cpu.h:169
y	PM_TRACE	include/asm-generic/vmlinux.lds.h:903	include/linux/pm-trace.h:6
y	PNP	include/linux/pnp.h:26	include/linux/pnp.h:440	include/sound/initval.h:28
y	PNPACPI	include/linux/pnp.h:341
y	PNPBIOS	include/linux/pnp.h:332
m	POLARFIRE_SOC_SYS_CTRL	include/soc/microchip/mpfs.h:35
v	PORT	arch/sh/include/asm/smc37c93x.h:36	arch/sh/include/asm/smc37c93x.h:37
y	POSIX_CPU_TIMERS_TASK_WORK	include/linux/posix-timers.h:190	include/linux/sched.h:1052
y	POSIX_MQUEUE	include/linux/ipc_namespace.h:92
y	POSIX_MQUEUE_SYSCTL	include/linux/ipc_namespace.h:178
y	POSIX_TIMERS	include/linux/posix-timers.h:60	include/linux/sched/cputime.h:78	include/linux/sched/signal.h:136
y	POWER_AVS_OMAP	include/linux/power/smartreflex.h:301
m	POWER_SUPPLY	include/linux/power_supply.h:772	include/linux/power_supply.h:854
y	POWER_SUPPLY	include/linux/power_supply.h:845
y	POWER_SUPPLY_HWMON	include/linux/power_supply.h:947
y	PPC	include/drm/drm_cache.h:48	include/linux/mm.h:340	include/linux/mm.h:349
m	PPC32	arch/powerpc/include/asm/bitops.h:102	arch/powerpc/include/asm/bitops.h:183	arch/powerpc/include/asm/book3s/pgtable.h:41
y	PPC32	include/linux/of_irq.h:20	include/linux/pmu.h:83	include/linux/sm501.h:164
m	PPC64	arch/powerpc/include/asm/atomic.h:152	arch/powerpc/include/asm/bitops.h:174	arch/powerpc/include/asm/cacheflush.h:72
y	PPC64	include/linux/moduleparam.h:279	include/linux/tpm_eventlog.h:15	arch/powerpc/include/asm/barrier.h:43
y	PPC64_ELF_ABI_V1	arch/powerpc/include/asm/code-patching.h:160	arch/powerpc/include/asm/code-patching.h:191	arch/powerpc/include/asm/kfence.h:14
y	PPC64_ELF_ABI_V2	arch/powerpc/include/asm/code-patching.h:135	arch/powerpc/include/asm/code-patching.h:174	arch/powerpc/include/asm/code-patching.h:212
y	PPC_16K_PAGES	arch/powerpc/include/asm/nohash/32/mmu-44x.h:134	arch/powerpc/include/asm/nohash/32/mmu-8xx.h:162	arch/powerpc/include/asm/nohash/32/pgtable.h:265
y	PPC_256K_PAGES	arch/powerpc/include/asm/nohash/32/mmu-44x.h:142	arch/powerpc/include/asm/page_32.h:15
y	PPC_47x	arch/powerpc/include/asm/cache.h:20	arch/powerpc/include/asm/cputable.h:508	arch/powerpc/include/asm/cputable.h:582
m	PPC_4K_PAGES	arch/powerpc/include/asm/nohash/32/pgtable.h:242
y	PPC_4K_PAGES	arch/powerpc/include/asm/highmem.h:44	arch/powerpc/include/asm/highmem.h:50	arch/powerpc/include/asm/nohash/32/hugetlb-8xx.h:68
y	PPC_64K_PAGES	arch/powerpc/include/asm/book3s/64/hash.h:15	arch/powerpc/include/asm/book3s/64/hash.h:46	arch/powerpc/include/asm/book3s/64/mmu-hash.h:719
m	PPC_64S_HASH_MMU	arch/powerpc/include/asm/hugetlb.h:36
y	PPC_64S_HASH_MMU	arch/powerpc/include/asm/book3s/64/mmu-hash.h:528	arch/powerpc/include/asm/book3s/64/mmu.h:102	arch/powerpc/include/asm/book3s/64/mmu.h:116
y	PPC_83xx	include/linux/fsl_devices.h:149	arch/powerpc/include/asm/cputable.h:254	arch/powerpc/include/asm/fixmap.h:73
y	PPC_85xx	include/soc/fsl/qe/qe.h:148	include/soc/fsl/qe/qe.h:225	arch/powerpc/include/asm/kexec.h:6
y	PPC_86xx	include/linux/fsl/guts.h:137
m	PPC_8xx	arch/powerpc/include/asm/hw_irq.h:68	arch/powerpc/include/asm/hw_irq.h:80	arch/powerpc/include/asm/hw_irq.h:92
y	PPC_8xx	arch/powerpc/include/asm/cache.h:9	arch/powerpc/include/asm/cputable.h:502	arch/powerpc/include/asm/cputable.h:576
y	PPC_970_NAP	arch/powerpc/include/asm/interrupt.h:131	arch/powerpc/include/asm/processor.h:410
y	PPC_ADV_DEBUG_DVCS	arch/powerpc/include/asm/processor.h:126
y	PPC_ADV_DEBUG_IACS	arch/powerpc/include/asm/processor.h:120
y	PPC_ADV_DEBUG_REGS	arch/powerpc/include/asm/debug.h:50	arch/powerpc/include/asm/interrupt.h:142	arch/powerpc/include/asm/probes.h:29
y	PPC_BARRIER_NOSPEC	arch/powerpc/include/asm/barrier.h:93	arch/powerpc/include/asm/setup.h:56	arch/powerpc/include/asm/setup.h:66
m	PPC_BOOK3E_64	arch/powerpc/include/asm/interrupt.h:292	arch/powerpc/include/asm/nohash/pgtable.h:196
y	PPC_BOOK3E_64	arch/powerpc/include/asm/cputable.h:466	arch/powerpc/include/asm/cputable.h:524	arch/powerpc/include/asm/kvm_ppc.h:1026
y	PPC_BOOK3S	arch/powerpc/include/asm/dbell.h:33	arch/powerpc/include/asm/hw_irq.h:46	arch/powerpc/include/asm/hw_irq.h:255
y	PPC_BOOK3S_32	arch/powerpc/include/asm/cache.h:106	arch/powerpc/include/asm/kup.h:21	arch/powerpc/include/asm/kvm_book3s.h:114
y	PPC_BOOK3S_603	arch/powerpc/include/asm/cputable.h:498	arch/powerpc/include/asm/cputable.h:572	arch/powerpc/include/asm/mmu.h:203
y	PPC_BOOK3S_604	arch/powerpc/include/asm/book3s/32/mmu-hash.h:92	arch/powerpc/include/asm/cputable.h:488	arch/powerpc/include/asm/cputable.h:562
m	PPC_BOOK3S_64	arch/powerpc/include/asm/hw_irq.h:70	arch/powerpc/include/asm/hw_irq.h:82	arch/powerpc/include/asm/hw_irq.h:94
y	PPC_BOOK3S_64	arch/powerpc/include/asm/barrier.h:87	arch/powerpc/include/asm/cacheflush.h:17	arch/powerpc/include/asm/hugetlb.h:8
y	PPC_CELL	arch/powerpc/include/asm/ppc_asm.h:385	arch/powerpc/include/asm/vdso/timebase.h:15
y	PPC_CELL_NATIVE	arch/powerpc/include/asm/iommu.h:312
y	PPC_CHRP	arch/powerpc/include/asm/pci-bridge.h:179
y	PPC_COPRO_BASE	arch/powerpc/include/asm/copro.h:22
y	PPC_DAWR	arch/powerpc/include/asm/hw_breakpoint.h:114
y	PPC_DCR	arch/powerpc/include/asm/dcr.h:11	arch/powerpc/include/asm/mpic.h:235	arch/powerpc/include/asm/mpic.h:242
y	PPC_DCR_MMIO	arch/powerpc/include/asm/dcr.h:17	arch/powerpc/include/asm/dcr.h:24
y	PPC_DCR_NATIVE	arch/powerpc/include/asm/dcr.h:13	arch/powerpc/include/asm/dcr.h:24	arch/powerpc/include/asm/dcr.h:36
y	PPC_DOORBELL	arch/powerpc/include/asm/hardirq.h:20	arch/powerpc/include/asm/trace.h:57
y	PPC_DT_CPU_FTRS	arch/powerpc/include/asm/cputable.h:528	arch/powerpc/include/asm/dt_cpu_ftrs.h:15
y	PPC_E500	arch/powerpc/include/asm/barrier.h:89	arch/powerpc/include/asm/cputable.h:513	arch/powerpc/include/asm/cputable.h:587
y	PPC_E500MC	arch/powerpc/include/asm/barrier.h:43	arch/powerpc/include/asm/cache.h:13	arch/powerpc/include/asm/cputable.h:516
y	PPC_EARLY_DEBUG_44x	arch/powerpc/include/asm/nohash/32/mmu-44x.h:119
v	PPC_EARLY_DEBUG_44x_PHYSLOW	arch/powerpc/include/asm/nohash/32/mmu-44x.h:124
y	PPC_EMULATED_STATS	arch/powerpc/include/asm/emulated_ops.h:13
y	PPC_FPU	arch/powerpc/include/asm/switch_to.h:39
y	PPC_FPU_REGS	arch/powerpc/include/asm/processor.h:167
y	PPC_HASH_MMU_NATIVE	arch/powerpc/include/asm/firmware.h:98	arch/powerpc/include/asm/firmware.h:112
y	PPC_ICP_HV	arch/powerpc/include/asm/xics.h:40
y	PPC_ICP_NATIVE	arch/powerpc/include/asm/xics.h:31
y	PPC_ICS_NATIVE	arch/powerpc/include/asm/xics.h:68
y	PPC_ICS_RTAS	arch/powerpc/include/asm/xics.h:76
v	PPC_INDIRECT_	arch/powerpc/include/asm/io.h:74
y	PPC_INDIRECT_MMIO	arch/powerpc/include/asm/io-workarounds.h:38	arch/powerpc/include/asm/io.h:73	arch/powerpc/include/asm/io.h:311
y	PPC_INDIRECT_PIO	arch/powerpc/include/asm/io.h:73	arch/powerpc/include/asm/io.h:610
y	PPC_IO_WORKAROUNDS	arch/powerpc/include/asm/io-workarounds.h:11	arch/powerpc/include/asm/io-workarounds.h:38
m	PPC_IRQ_SOFT_MASK_DEBUG	arch/powerpc/include/asm/hw_irq.h:149	arch/powerpc/include/asm/hw_irq.h:225	arch/powerpc/include/asm/hw_irq.h:237
m	PPC_KERNEL_PREFIXED	arch/powerpc/include/asm/atomic.h:32	arch/powerpc/include/asm/atomic.h:43	arch/powerpc/include/asm/atomic.h:229
y	PPC_KERNEL_PREFIXED	arch/powerpc/include/asm/io.h:101	arch/powerpc/include/asm/uaccess.h:76	arch/powerpc/include/asm/uaccess.h:153
y	PPC_KUAP	arch/powerpc/include/asm/book3s/32/kup.h:21	arch/powerpc/include/asm/book3s/64/kup.h:85	arch/powerpc/include/asm/book3s/64/kup.h:230
m	PPC_KUAP_DEBUG	arch/powerpc/include/asm/book3s/32/kup.h:119	arch/powerpc/include/asm/book3s/64/kup.h:296	arch/powerpc/include/asm/kup.h:93
y	PPC_KUAP_DEBUG	arch/powerpc/include/asm/book3s/64/kup.h:87
m	PPC_KUEP	arch/powerpc/include/asm/book3s/32/kup.h:18	arch/powerpc/include/asm/processor.h:285
y	PPC_KUEP	arch/powerpc/include/asm/book3s/32/mmu-hash.h:182	arch/powerpc/include/asm/mmu.h:196
y	PPC_LITE5200	arch/powerpc/include/asm/mpc52xx.h:359
y	PPC_MEM_KEYS	arch/powerpc/include/asm/book3s/64/mmu.h:130	arch/powerpc/include/asm/book3s/64/pgtable.h:565	arch/powerpc/include/asm/mman.h:20
y	PPC_MMU_NOHASH	arch/powerpc/include/asm/mmu.h:416
y	PPC_MPC512x	arch/powerpc/include/asm/mpc52xx_psc.h:28
y	PPC_MPC52xx	arch/powerpc/include/asm/cputable.h:255
v	PPC_PAGE_SHIFT	arch/powerpc/include/asm/page.h:23
y	PPC_PERF_CTRS	arch/powerpc/include/asm/perf_event.h:13	arch/powerpc/include/asm/perf_event_server.h:112
y	PPC_PKEY	arch/powerpc/include/asm/book3s/64/kup.h:16	arch/powerpc/include/asm/book3s/64/kup.h:63	arch/powerpc/include/asm/book3s/64/kup.h:126
y	PPC_PMAC	include/linux/of_irq.h:20	arch/powerpc/include/asm/pci-bridge.h:173
y	PPC_POWERNV	arch/powerpc/include/asm/archrandom.h:12	arch/powerpc/include/asm/asm-prototypes.h:24	arch/powerpc/include/asm/cpuidle.h:5
m	PPC_PROT_SAO_LPAR	arch/powerpc/include/asm/mman.h:36
y	PPC_PS3	arch/powerpc/include/asm/firmware.h:95	arch/powerpc/include/asm/firmware.h:109
y	PPC_PSERIES	arch/powerpc/include/asm/book3s/64/mmu-hash.h:505	arch/powerpc/include/asm/book3s/64/mmu.h:254	arch/powerpc/include/asm/drmem.h:113
y	PPC_QUEUED_SPINLOCKS	arch/powerpc/include/asm/spinlock.h:6	arch/powerpc/include/asm/spinlock_types.h:9
y	PPC_RADIX_MMU	arch/powerpc/include/asm/book3s/64/pgtable.h:1053	arch/powerpc/include/asm/book3s/64/tlbflush-radix.h:33	arch/powerpc/include/asm/mmu.h:185
y	PPC_RTAS	arch/powerpc/include/asm/kexec.h:102	arch/powerpc/include/asm/processor.h:146	arch/powerpc/include/asm/rtas.h:354
y	PPC_RTAS_DAEMON	arch/powerpc/include/asm/rtas.h:286
y	PPC_SECURE_BOOT	arch/powerpc/include/asm/secure_boot.h:11	arch/powerpc/include/asm/secvar.h:25
y	PPC_SMLPAR	arch/powerpc/include/asm/page.h:317
y	PPC_SMP_MUXED_IPI	arch/powerpc/include/asm/smp.h:45
y	PPC_SPLPAR	arch/powerpc/include/asm/cputime.h:93	arch/powerpc/include/asm/paravirt.h:13	arch/powerpc/include/asm/paravirt.h:124
y	PPC_SUBPAGE_PROT	arch/powerpc/include/asm/book3s/64/mmu-hash.h:672	arch/powerpc/include/asm/book3s/64/mmu-hash.h:728	arch/powerpc/include/asm/book3s/64/mmu.h:189
y	PPC_SVM	arch/powerpc/include/asm/asm-prototypes.h:24	arch/powerpc/include/asm/svm.h:11
y	PPC_TRANSACTIONAL_MEM	arch/powerpc/include/asm/asm-prototypes.h:59	arch/powerpc/include/asm/cputable.h:238	arch/powerpc/include/asm/kvm_book3s.h:286
y	PPC_UDBG_16550	arch/powerpc/include/asm/serial.h:15
y	PPC_UV	arch/powerpc/include/asm/kvm_book3s_uvmem.h:5
y	PPC_WATCHDOG	arch/powerpc/include/asm/hardirq.h:17	arch/powerpc/include/asm/nmi.h:5
y	PPC_XIVE	arch/powerpc/include/asm/xive.h:12
y	PQ2ADS	arch/powerpc/include/asm/mpc8260.h:16
y	PQ2FADS	arch/powerpc/include/asm/mpc8260.h:16
m	PREEMPT	include/linux/sched.h:2189
m	PREEMPTION	include/linux/trace_events.h:215
y	PREEMPTION	include/asm-generic/preempt.h:81	include/linux/fs.h:864	include/linux/fs.h:889
y	PREEMPTIRQ_TRACEPOINTS	include/trace/events/preemptirq.h:1
y	PREEMPT_BUILD	include/linux/vermagic.h:18
m	PREEMPT_COUNT	include/linux/lockdep.h:631	include/linux/lockdep.h:639
y	PREEMPT_COUNT	include/linux/bit_spinlock.h:93	include/linux/page_ref.h:274	include/linux/preempt.h:148
y	PREEMPT_DYNAMIC	include/linux/entry-common.h:418	include/linux/kernel.h:97	include/linux/kernel.h:108
m	PREEMPT_NONE	include/linux/sched.h:2181
y	PREEMPT_NOTIFIERS	include/linux/kvm_host.h:312	include/linux/preempt.h:319	include/linux/sched.h:818
y	PREEMPT_RCU	include/linux/rcupdate.h:72	include/linux/rcupdate.h:414	include/linux/rcutree.h:107
m	PREEMPT_RT	include/linux/highmem-internal.h:99	include/linux/highmem-internal.h:115	include/linux/highmem-internal.h:128
y	PREEMPT_RT	include/linux/bottom_half.h:8	include/linux/bottom_half.h:36	include/linux/hrtimer.h:231
y	PREEMPT_TRACER	include/linux/irqflags.h:152
m	PREEMPT_VOLUNTARY	include/linux/sched.h:2185
y	PREEMPT_VOLUNTARY_BUILD	include/linux/kernel.h:92
y	PREFETCH	arch/parisc/include/asm/prefetch.h:20
y	PRESERVE_FA_DUMP	arch/powerpc/include/asm/fadump-internal.h:15	arch/powerpc/include/asm/fadump.h:30	arch/powerpc/include/asm/mmu.h:420
y	PRINTK	include/linux/dev_printk.h:32	include/linux/dev_printk.h:174	include/linux/kfence.h:207
y	PRINTK_INDEX	include/asm-generic/vmlinux.lds.h:915	include/linux/module.h:524	include/linux/printk.h:352
y	PROC_CPU_RESCTRL	include/linux/resctrl.h:9
y	PROC_EVENTS	include/linux/cn_proc.h:22
m	PROC_FS	include/net/netns/can.h:17	arch/powerpc/include/asm/book3s/64/pgalloc.h:179	arch/s390/include/asm/pgtable.h:40
y	PROC_FS	include/linux/atalk.h:173	include/linux/atmdev.h:18	include/linux/atmdev.h:165
y	PROC_KCORE	include/linux/kcore.h:36
y	PROC_PID_ARCH_STATUS	include/linux/proc_fs.h:156
y	PROC_SYSCTL	include/linux/utsname.h:72
y	PROC_VMCORE	include/linux/crash_dump.h:136
y	PROC_VMCORE_DEVICE_DUMP	include/linux/crash_dump.h:127
m	PROFILE_ALL_BRANCHES	include/linux/slab.h:441	arch/s390/include/asm/preempt.h:53
y	PROFILE_ALL_BRANCHES	include/asm-generic/vmlinux.lds.h:210	include/linux/compiler.h:51
y	PROFILING	include/linux/profile.h:19	include/linux/profile.h:33
y	PROTECTED_VIRTUALIZATION_GUEST	arch/s390/include/asm/uv.h:362
m	PROVE_LOCKING	include/linux/ww_mutex.h:192	include/net/sock.h:555	include/net/sock.h:1754
y	PROVE_LOCKING	include/linux/irqflags.h:21	include/linux/kernel.h:191	include/linux/lockdep.h:450
y	PROVE_RAW_LOCK_NESTING	include/linux/lockdep.h:669	include/linux/lockdep_types.h:23
y	PROVE_RCU	include/linux/cgroup.h:463	include/linux/kvm_host.h:319	include/linux/kvm_host.h:852
y	PROVE_RCU_LIST	include/linux/rculist.h:50
y	PROVIDE_OHCI1394_DMA_INIT	include/linux/init_ohci1394_dma.h:2	arch/x86/include/asm/fixmap.h:91
y	PS3_VERBOSE_RESULT	arch/powerpc/include/asm/ps3.h:237
m	PSAMPLE	include/net/psample.h:36
y	PSERIES_PLPKS	arch/powerpc/include/asm/plpks.h:12
m	PSE_CONTROLLER	include/linux/pse-pd/pse.h:85
y	PSI	include/linux/psi.h:15	include/linux/psi_types.h:11	include/linux/sched.h:941
y	PTDUMP_CORE	arch/arm64/include/asm/ptdump.h:8
m	PTDUMP_DEBUGFS	arch/arm64/include/asm/vmalloc.h:16	arch/arm64/include/asm/vmalloc.h:23
y	PTDUMP_DEBUGFS	arch/arm64/include/asm/ptdump.h:25
m	PTE_64BIT	arch/powerpc/include/asm/nohash/pgtable.h:175
y	PTE_64BIT	arch/powerpc/include/asm/book3s/32/pgtable.h:34	arch/powerpc/include/asm/book3s/32/pgtable.h:73	arch/powerpc/include/asm/book3s/32/pgtable.h:286
y	PTE_MARKER	include/linux/swap.h:67	include/linux/swapops.h:466
y	PTE_MARKER_UFFD_WP	include/linux/mm_inline.h:560	include/linux/userfaultfd_k.h:152	include/linux/userfaultfd_k.h:288
m	PTP_1588_CLOCK	include/linux/ptp_clock_kernel.h:249
y	PTP_1588_CLOCK	include/linux/ptp_clock_kernel.h:366
y	PVH	arch/x86/include/asm/xen/hypervisor.h:59
m	PWM	include/linux/pwm.h:310	include/linux/pwm.h:582
y	PWM_SYSFS	include/linux/pwm.h:595
y	PXA25x	include/linux/platform_data/irda-pxaficp.h:22	include/linux/soc/pxa/cpu.h:58	include/linux/soc/pxa/cpu.h:205
y	PXA27x	include/linux/platform_data/irda-pxaficp.h:22	include/linux/soc/pxa/cpu.h:89	include/linux/soc/pxa/cpu.h:205
y	PXA3xx	include/linux/clk/pxa.h:10	include/linux/soc/pxa/cpu.h:215	include/linux/soc/pxa/mfp.h:421
m	PXA_SSP	include/linux/pxa2xx_ssp.h:290
y	Q40	arch/m68k/include/asm/io_mm.h:45	arch/m68k/include/asm/io_mm.h:101	arch/m68k/include/asm/io_mm.h:131
m	QCOM_AOSS_QMP	include/linux/soc/qcom/qcom_aoss.h:14
m	QCOM_COMMAND_DB	include/soc/qcom/cmd-db.h:22
y	QCOM_FALKOR_ERRATUM_E1041	arch/arm64/include/asm/assembler.h:696
m	QCOM_GENI_SE	include/linux/qcom-geni-se.h:277
m	QCOM_LLCC	include/linux/soc/qcom/llcc-qcom.h:131
m	QCOM_MDT_LOADER	include/linux/soc/qcom/mdt_loader.h:15
m	QCOM_OCMEM	include/soc/qcom/ocmem.h:36
m	QCOM_RPMH	include/soc/qcom/rpmh.h:13
m	QCOM_RPROC_COMMON	include/linux/remoteproc/qcom_rproc.h:27
y	QCOM_SMEM_STATE	include/linux/soc/qcom/smem_state.h:14
m	QCOM_WCNSS_CTRL	include/linux/soc/qcom/wcnss_ctrl.h:7
y	QED_LL2	include/linux/qed/qed_ll2_if.h:266
m	QED_RDMA	include/linux/qed/qede_rdma.h:52
y	QED_SRIOV	include/linux/qed/qed_eth_if.h:260
y	QE_GPIO	include/soc/fsl/qe/qe.h:176
y	QUEUED_RWLOCKS	arch/sparc/include/asm/spinlock_types.h:16
y	QUEUED_SPINLOCKS	arch/sparc/include/asm/spinlock_types.h:5
y	QUICC_ENGINE	include/soc/fsl/qe/qe.h:86	include/soc/fsl/qe/qe.h:94	include/soc/fsl/qe/qe.h:158
y	QUOTA	include/linux/fs.h:2329	include/linux/quotaops.h:31
y	QUOTA_NETLINK_INTERFACE	include/linux/quota.h:510
v	RAID6_PQ_BENCHMARK	include/linux/raid/pq.h:75
y	RAMBASE	arch/m68k/include/asm/page_offset.h:4
v	RAMBASE	arch/m68k/include/asm/m52xxacr.h:89	arch/m68k/include/asm/m53xxacr.h:96	arch/m68k/include/asm/m54xxacr.h:101
v	RAMSIZE	arch/m68k/include/asm/m54xxacr.h:101	arch/m68k/include/asm/m54xxacr.h:104	arch/m68k/include/asm/m54xxacr.h:108
y	RANDOMIZE_BASE	arch/arm64/include/asm/kernel-pgtable.h:61	arch/arm64/include/asm/module.h:33	arch/x86/include/asm/page_64_types.h:95
y	RANDOMIZE_KSTACK_OFFSET	include/linux/randomize_kstack.h:5	include/linux/sched.h:1502
v	RANDOMIZE_KSTACK_OFFSET_DEFAULT	include/linux/randomize_kstack.h:10	include/linux/randomize_kstack.h:51	include/linux/randomize_kstack.h:78
m	RANDOMIZE_MEMORY	arch/x86/include/asm/setup.h:82
y	RANDOMIZE_MEMORY	arch/x86/include/asm/kaslr.h:7	arch/x86/include/asm/pgtable_64_types.h:145
y	RAPIDIO_DMA_ENGINE	include/linux/dmaengine.h:988	include/linux/rio.h:20	include/linux/rio.h:290
y	RAS	include/linux/ras.h:23
m	RASPBERRYPI_FIRMWARE	include/soc/bcm2835/raspberrypi-firmware.h:139
y	RAS_CEC	include/linux/ras.h:19
y	RCU_FANOUT	include/linux/rcu_node_tree.h:33
v	RCU_FANOUT	include/linux/rcu_node_tree.h:34
y	RCU_FANOUT_LEAF	include/linux/rcu_node_tree.h:43
v	RCU_FANOUT_LEAF	include/linux/rcu_node_tree.h:44
y	RCU_NOCB_CPU	include/linux/rcu_segcblist.h:210	include/linux/rcupdate.h:139	include/trace/events/rcu.h:252
y	RCU_STALL_COMMON	include/linux/rcupdate.h:125
m	RCU_STRICT_GRACE_PERIOD	include/linux/rcupdate.h:100
m	RCU_TORTURE_TEST	include/linux/torture.h:49
y	RCU_TRACE	include/trace/events/rcu.h:10
m	READ_ONLY_THP_FOR_FS	include/linux/huge_mm.h:166
y	READ_ONLY_THP_FOR_FS	include/linux/fs.h:438	include/linux/pagemap.h:384	include/linux/pagemap.h:393
y	REED_SOLOMON_DEC16	include/linux/rslib.h:76
y	REED_SOLOMON_DEC8	include/linux/rslib.h:65
y	REED_SOLOMON_ENC16	include/linux/rslib.h:72
y	REED_SOLOMON_ENC8	include/linux/rslib.h:61
y	REF_TRACKER	include/linux/ref_tracker.h:12	include/linux/ref_tracker.h:23
y	REGMAP	include/linux/regmap.h:183	include/sound/soc-component.h:396
m	REGULATOR	include/linux/regulator/fixed.h:46
y	REGULATOR	include/linux/mmc/host.h:489	include/linux/mmc/host.h:581	include/linux/regulator/consumer.h:195
m	REGULATOR_ROHM	include/linux/mfd/rohm-generic.h:76
y	RELAY	include/linux/relay.h:280
y	RELOCATABLE	arch/arm64/include/asm/fixmap.h:65	arch/mips/include/asm/bootinfo.h:175	arch/mips/include/asm/mach-cavium-octeon/kernel-entry-init.h:103
m	RESET_CONTROLLER	include/linux/reset-controller.h:82
y	RESET_CONTROLLER	include/linux/reset.h:29
m	RESET_TEGRA_BPMP	include/soc/tegra/bpmp.h:178
v	RESULT_CODE_MASK	include/ufs/ufshci.h:236
y	RETHOOK	include/linux/rethook.h:99	include/linux/sched.h:1520	arch/x86/include/asm/unwind.h:19
y	RETHUNK	arch/x86/include/asm/alternative.h:102	arch/x86/include/asm/disabled-features.h:60	arch/x86/include/asm/linkage.h:30
y	RETPOLINE	include/linux/compiler-gcc.h:38	include/linux/indirect_call_wrapper.h:5	include/linux/module.h:870
m	RFKILL	include/linux/rfkill.h:67
y	RFKILL	include/linux/rfkill.h:67
y	RFKILL_LEDS	include/linux/rfkill.h:324
y	RFS_ACCEL	include/linux/netdevice.h:770	include/linux/netdevice.h:1522	include/linux/netdevice.h:2239
y	RING_BUFFER	include/linux/ring_buffer.h:208
y	RING_BUFFER_ALLOW_SWAP	include/linux/ring_buffer.h:149
y	RISCV_ALTERNATIVE	arch/riscv/include/asm/alternative-macros.h:5	arch/riscv/include/asm/alternative.h:15
y	RISCV_DMA_NONCOHERENT	arch/riscv/include/asm/cache.h:14	arch/riscv/include/asm/cacheflush.h:53
y	RISCV_ISA_C	arch/riscv/include/asm/kgdb.h:14	arch/riscv/include/asm/uprobes.h:12
v	RISCV_ISA_SVPBMT	arch/riscv/include/asm/errata_list.h:56
v	RISCV_ISA_ZICBOM	arch/riscv/include/asm/errata_list.h:130
y	RISCV_M_MODE	arch/riscv/include/asm/clint.h:12	arch/riscv/include/asm/csr.h:300	arch/riscv/include/asm/timex.h:13
y	RISCV_PMU	include/linux/perf/riscv_pmu.h:16
y	RISCV_PMU_LEGACY	include/linux/perf/riscv_pmu.h:70
y	RISCV_PMU_SBI	include/linux/perf/riscv_pmu.h:76
y	RISCV_SBI	arch/riscv/include/asm/sbi.h:13
y	RISCV_SBI_V01	arch/riscv/include/asm/kvm_vcpu_sbi.h:36	arch/riscv/include/asm/sbi.h:15
y	RMW_INSNS	arch/m68k/include/asm/atomic.h:38	arch/m68k/include/asm/atomic.h:161	arch/m68k/include/asm/cmpxchg.h:11
y	ROCKCHIP_PM_DOMAINS	include/soc/rockchip/pm_domains.h:9
m	RPMSG	include/linux/rpmsg.h:166
m	RPMSG_QCOM_GLINK	include/linux/rpmsg/qcom_glink.h:10
m	RPMSG_QCOM_GLINK_SMEM	include/linux/rpmsg/qcom_glink.h:16
m	RPMSG_QCOM_SMD	include/linux/rpmsg/qcom_smd.h:10
y	RPS	include/linux/netdevice.h:220	include/linux/netdevice.h:695	include/linux/netdevice.h:779
y	RS780_HPET	arch/mips/include/asm/hpet.h:5
y	RSEQ	include/linux/sched.h:1310	include/linux/sched.h:2313
y	RST_RCAR	include/linux/soc/renesas/rcar-rst.h:5
y	RTC_CLASS	include/linux/alarmtimer.h:63
y	RTC_DRV_DS1685	include/linux/rtc/ds1685.h:209	include/linux/rtc/ds1685.h:257	include/linux/rtc/ds1685.h:346
y	RTC_DRV_DS1689	include/linux/rtc/ds1685.h:209	include/linux/rtc/ds1685.h:259	include/linux/rtc/ds1685.h:348
y	RTC_DRV_DS17285	include/linux/rtc/ds1685.h:350
y	RTC_DRV_DS17485	include/linux/rtc/ds1685.h:352
y	RTC_DRV_DS17885	include/linux/rtc/ds1685.h:354
y	RTC_HCTOSYS_DEVICE	include/linux/rtc.h:230
y	RTC_INTF_DEV_UIE_EMUL	include/linux/rtc.h:153
y	RTC_INTF_SYSFS	include/linux/rtc.h:247
y	RTC_NVMEM	include/linux/rtc.h:236
y	RT_GROUP_SCHED	include/linux/sched.h:592
y	RT_MUTEXES	include/linux/sched/rt.h:32	include/linux/sched.h:664	include/linux/sched.h:1140
y	RV	include/linux/rv.h:12	include/linux/sched.h:1534
y	RV_MON_WIP	include/trace/events/rv.h:60
y	RV_MON_WWNR	include/trace/events/rv.h:126
y	RV_REACTORS	include/linux/rv.h:37	include/linux/rv.h:52	include/linux/rv.h:63
y	RWSEM_SPIN_ON_OWNER	include/linux/rwsem.h:32	include/linux/rwsem.h:56	include/linux/rwsem.h:86
m	S390	include/linux/hypervisor.h:37
y	S390	include/linux/pci.h:2583
y	S3C2410_COMMON_CLK	include/linux/clk/samsung.h:24
y	S3C2410_IOTIMING	include/linux/soc/samsung/s3c-cpufreq-core.h:216
y	S3C2412_COMMON_CLK	include/linux/clk/samsung.h:35
y	S3C2412_IOTIMING	include/linux/soc/samsung/s3c-cpufreq-core.h:238
y	S3C2443_COMMON_CLK	include/linux/clk/samsung.h:45
y	S3C64XX_COMMON_CLK	include/linux/clk/samsung.h:13
y	SAMSUNG_PM_CHECK	include/linux/soc/samsung/s3c-pm.h:72
y	SAMSUNG_PM_DEBUG	include/linux/soc/samsung/s3c-pm.h:37
m	SATA_HOST	include/linux/libata.h:1713
y	SATA_HOST	include/linux/libata.h:502	include/linux/libata.h:1163	include/linux/libata.h:1418
y	SATA_PMP	include/linux/libata.h:1435	include/linux/libata.h:1910
y	SATA_ZPODD	include/linux/libata.h:669
y	SCC_DELAY	include/linux/scc.h:19
y	SCHEDSTATS	include/linux/sched/stat.h:30	include/linux/sched/topology.h:117	include/linux/sched.h:506
y	SCHED_AUTOGROUP	include/linux/sched/autogroup.h:10	include/linux/sched/signal.h:177
y	SCHED_CLUSTER	include/linux/sched/topology.h:45
y	SCHED_CORE	include/linux/cgroup-defs.h:302	include/linux/kernel_stat.h:31	include/linux/kernel_stat.h:121
y	SCHED_DEBUG	include/linux/sched/debug.h:38	include/linux/sched/topology.h:28	include/linux/sched/topology.h:148
m	SCHED_INFO	include/linux/sched/stat.h:27
y	SCHED_INFO	include/linux/sched.h:373
y	SCHED_MC	include/linux/sched/topology.h:52
y	SCHED_MC_PRIO	arch/x86/include/asm/topology.h:170
y	SCHED_SMT	include/linux/sched/smt.h:7	include/linux/sched/topology.h:38	include/linux/topology.h:236
y	SCHED_TOPOLOGY	arch/s390/include/asm/topology.h:11
y	SCSI_CONSTANTS	include/scsi/scsi_dbg.h:20
y	SCSI_DH	include/scsi/scsi_dh.h:65
y	SCSI_DMA	include/scsi/scsi_cmnd.h:167
y	SCSI_SAS_ATA	include/scsi/sas_ata.h:16
m	SCSI_SAS_ATTRS	include/scsi/scsi_transport_sas.h:15
y	SCSI_SAS_HOST_SMP	include/scsi/libsas.h:444
y	SCSI_UFS_CRYPTO	include/ufs/ufshcd.h:193	include/ufs/ufshcd.h:973
y	SCSI_UFS_HPB	include/ufs/ufshcd.h:688	include/ufs/ufshcd.h:967
y	SCSI_UFS_HWMON	include/ufs/ufshcd.h:856
y	SCTP_DBG_OBJCNT	include/net/sctp/sctp.h:277
y	SECCOMP	include/linux/seccomp.h:18
y	SECCOMP_CACHE_DEBUG	include/linux/seccomp.h:126
y	SECCOMP_FILTER	include/linux/seccomp.h:93	include/linux/seccomp.h:107
y	SECONDARY_TRUSTED_KEYRING	include/keys/system_keyring.h:38
y	SECRETMEM	include/linux/sched/user.h:28	include/linux/secretmem.h:5
y	SECUREEDGEMP3	arch/m68k/include/asm/m5307sim.h:120	arch/m68k/include/asm/mcf8390.h:101
y	SECURITY	include/asm-generic/vmlinux.lds.h:287	include/linux/bpf.h:240	include/linux/bpf.h:1238
y	SECURITYFS	include/linux/security.h:1962
y	SECURITY_APPARMOR	include/linux/lsm_audit.h:110
y	SECURITY_INFINIBAND	include/linux/lsm_hook_defs.h:344	include/linux/security.h:1695
m	SECURITY_LOADPIN_VERITY	include/linux/dm-verity-loadpin.h:18
y	SECURITY_NETWORK	include/linux/lsm_hook_defs.h:283	include/linux/security.h:1415	include/net/af_unix.h:63
y	SECURITY_NETWORK_XFRM	include/linux/lsm_hook_defs.h:352	include/linux/security.h:1721	include/net/xfrm.h:916
y	SECURITY_PATH	include/linux/lsm_hook_defs.h:90	include/linux/security.h:1808
y	SECURITY_SELINUX	include/linux/lsm_audit.h:107
y	SECURITY_SELINUX_DISABLE	include/linux/lsm_hooks.h:1681
y	SECURITY_SMACK	include/linux/lsm_audit.h:104
y	SECURITY_WRITABLE_HOOKS	include/linux/lsm_hooks.h:1705
y	SERIAL_8250_DETECT_IRQ	arch/alpha/include/asm/serial.h:17	arch/m68k/include/asm/serial.h:21	arch/x86/include/asm/serial.h:15
y	SERIAL_8250_RT288X	include/linux/serial_8250.h:189
y	SERIAL_CORE_CONSOLE	include/linux/serial_core.h:22
m	SERIAL_DEV_BUS	include/linux/serdev.h:194
y	SERIAL_DEV_CTRL_TTYPORT	include/linux/serdev.h:313
y	SERIAL_EARLYCON	include/asm-generic/vmlinux.lds.h:278	include/linux/serial_core.h:798	include/linux/serial_core.h:818
y	SERIAL_KGDB_NMI	include/linux/kgdb.h:309
y	SERIAL_SA1100	include/linux/platform_data/sa11x0-serial.h:26
y	SERIAL_SUNHV	arch/sparc/include/asm/setup.h:64
m	SERIO_I8042	include/linux/i8042.h:56
y	SERIO_I8042	include/linux/i8042.h:56
m	SFP	include/linux/sfp.h:533
y	SGI_IP22	arch/mips/include/asm/dma.h:87
y	SGI_IP27	arch/mips/include/asm/sn/addrs.h:21	arch/mips/include/asm/sn/addrs.h:40	arch/mips/include/asm/sn/addrs.h:134
y	SGI_IP28	arch/mips/include/asm/asm.h:345	arch/mips/include/asm/barrier.h:46	arch/mips/include/asm/dma.h:87
y	SGI_IP35	arch/mips/include/asm/sn/addrs.h:23	arch/mips/include/asm/sn/agent.h:19	arch/mips/include/asm/sn/klconfig.h:43
y	SGI_SN_N_MODE	arch/mips/include/asm/sn/sn0/addrs.h:51	arch/mips/include/asm/sn/sn0/arch.h:45	arch/mips/include/asm/sn/sn0/hubmd.h:94
y	SGL_ALLOC	include/linux/scatterlist.h:421
y	SG_POOL	include/linux/scatterlist.h:472
m	SHADOW_CALL_STACK	include/linux/mmzone.h:201
y	SHADOW_CALL_STACK	include/linux/compiler-gcc.h:101	include/linux/scs.h:16	arch/arm64/include/asm/scs.h:9
m	SHMEM	include/linux/shmem_fs.h:128
y	SHMEM	include/linux/khugepaged.h:18	include/linux/mm.h:719	include/linux/shmem_fs.h:77
y	SHRINKER_DEBUG	include/linux/memcontrol.h:823	include/linux/memcontrol.h:1358	include/linux/shrinker.h:76
y	SH_CLK_CPG_LEGACY	include/linux/sh_clk.h:23
m	SH_DMAE_BASE	include/linux/shdma-base.h:125
y	SH_DSP	arch/sh/include/asm/processor_32.h:102	arch/sh/include/asm/switch_to_32.h:5
y	SH_FPU	arch/sh/include/asm/elf.h:188	arch/sh/include/asm/fpu.h:11
y	SH_PCLK_FREQ	arch/sh/include/asm/timex.h:16
v	SH_PCLK_FREQ	arch/sh/include/asm/timex.h:17
y	SH_R7780MP	arch/sh/include/mach-common/mach/highlander.h:9
y	SH_R7780RP	arch/sh/include/mach-common/mach/highlander.h:74
y	SH_R7785RP	arch/sh/include/mach-common/mach/highlander.h:130	arch/sh/include/mach-common/mach/highlander.h:202
y	SH_SH7785LCR_29BIT_PHYSMAPS	arch/sh/include/mach-common/mach/sh7785lcr.h:46
y	SH_STANDARD_BIOS	arch/sh/include/asm/sh_bios.h:5
y	SH_STORE_QUEUES	arch/sh/include/asm/addrspace.h:52	arch/sh/include/cpu-sh4/cpu/mmu_context.h:64
y	SIBYTE_BIGSUR	arch/mips/include/asm/sibyte/bigsur.h:11	arch/mips/include/asm/sibyte/board.h:22
y	SIBYTE_CARMEL	arch/mips/include/asm/sibyte/board.h:18	arch/mips/include/asm/sibyte/carmel.h:39
y	SIBYTE_CRHINE	arch/mips/include/asm/sibyte/board.h:10	arch/mips/include/asm/sibyte/swarm.h:27
y	SIBYTE_CRHONE	arch/mips/include/asm/sibyte/board.h:9	arch/mips/include/asm/sibyte/swarm.h:22
y	SIBYTE_LITTLESUR	arch/mips/include/asm/sibyte/board.h:10	arch/mips/include/asm/sibyte/swarm.h:16
y	SIBYTE_RHONE	arch/mips/include/asm/sibyte/board.h:14	arch/mips/include/asm/sibyte/sentosa.h:14	arch/mips/include/asm/sibyte/sentosa.h:19
y	SIBYTE_SENTOSA	arch/mips/include/asm/sibyte/board.h:14	arch/mips/include/asm/sibyte/sentosa.h:11
y	SIBYTE_SWARM	arch/mips/include/asm/sibyte/board.h:9	arch/mips/include/asm/sibyte/swarm.h:11
y	SIGNALFD	include/linux/signalfd.h:14
m	SIGNATURE	include/linux/digsig.h:45
y	SIGNATURE	include/linux/digsig.h:45
y	SIGNED_PE_FILE_VERIFICATION	include/linux/kexec.h:217	include/linux/verification.h:66
y	SKB_EXTENSIONS	include/linux/skbuff.h:927	include/linux/skbuff.h:1052	include/linux/skbuff.h:4702
y	SLAB	include/linux/slab.h:276	include/linux/slab.h:767
y	SLAB_FREELIST_HARDENED	include/linux/slub_def.h:120
y	SLAB_FREELIST_RANDOM	include/linux/slab_def.h:79	include/linux/slub_def.h:131
y	SLOB	include/linux/slab.h:296	include/linux/slab.h:359	include/linux/slab.h:552
y	SLS	arch/x86/include/asm/linkage.h:33	arch/x86/include/asm/linkage.h:45
y	SLUB	include/linux/slab.h:288
y	SLUB_CPU_PARTIAL	include/linux/slub_def.h:52	include/linux/slub_def.h:61	include/linux/slub_def.h:99
y	SLUB_STATS	include/linux/slub_def.h:56
m	SMC	include/linux/tcp.h:136	include/linux/tcp.h:432	include/net/net_namespace.h:187
m	SMP	include/linux/firmware/trusted_foundations.h:66	include/linux/kernel.h:155	include/linux/lockref.h:23
y	SMP	include/asm-generic/atomic.h:15	include/asm-generic/barrier.h:96	include/asm-generic/barrier.h:157
v	SMP	include/asm-generic/vmlinux.lds.h:315	include/linux/cookie.h:37
y	SMP_ON_UP	arch/arm/include/asm/cacheflush.h:195	arch/arm/include/asm/smp_plat.h:22	arch/arm/include/asm/tlbflush.h:65
y	SMP_UP	arch/mips/include/asm/smp-ops.h:72
y	SND_AC97_POWER_SAVE	include/sound/ac97_codec.h:277	include/sound/ac97_codec.h:326
y	SND_CTL_DEBUG	include/sound/control.h:26
y	SND_CTL_FAST_LOOKUP	include/sound/core.h:107
m	SND_CTL_LED	include/sound/control.h:282
y	SND_DEBUG	include/sound/core.h:133	include/sound/core.h:236	include/sound/core.h:355
y	SND_DEBUG_VERBOSE	include/sound/core.h:428	include/sound/core.h:459	include/sound/core.h:469
y	SND_DMA_SGBUF	include/sound/memalloc.h:44	include/sound/memalloc.h:52
y	SND_DYNAMIC_MINORS	include/sound/core.h:20	include/sound/minors.h:22	include/sound/pcm.h:86
y	SND_HDA_ALIGNED_MMIO	include/sound/hdaudio.h:411
y	SND_HDA_COMPONENT	include/sound/hda_component.h:13
y	SND_HDA_DSP_LOADER	include/sound/hda_codec.h:552	include/sound/hdaudio.h:544	include/sound/hdaudio.h:615
y	SND_HDA_HWDEP	include/sound/hda_codec.h:228
y	SND_HDA_I915	include/sound/hda_i915.h:10
y	SND_HDA_PATCH_LOADER	include/sound/hda_codec.h:545
y	SND_HDA_RECONFIG	include/sound/hda_codec.h:222
m	SND_INTEL_DSP_CONFIG	include/sound/intel-dsp-config.h:22
m	SND_INTEL_NHLT	include/sound/intel-nhlt.h:127
y	SND_JACK	include/sound/jack.h:76	include/sound/jack.h:106
y	SND_JACK_INPUT_DEV	include/sound/jack.h:63	include/sound/jack.h:81	include/sound/jack.h:106
v	SND_MAJOR	include/sound/core.h:26
v	SND_MAX_CARDS	include/sound/core.h:21
m	SND_MIXER_OSS	include/sound/core.h:144	include/sound/core.h:275	include/sound/mixer_oss.h:10
y	SND_OSSEMUL	include/sound/core.h:250	include/sound/core.h:261	include/sound/hwdep.h:47
m	SND_PCM_OSS	include/sound/pcm.h:23	include/sound/pcm.h:434	include/sound/pcm.h:480
y	SND_PCM_OSS_PLUGINS	include/sound/pcm_oss.h:46
y	SND_PCM_XRUN_DEBUG	include/sound/pcm.h:508
y	SND_PROC_FS	include/sound/emux_synth.h:113	include/sound/info.h:79	include/sound/info.h:86
m	SND_SEQUENCER	include/sound/opl3.h:306	include/sound/opl3.h:359	include/sound/rawmidi.h:18
m	SND_SEQUENCER_OSS	include/sound/emux_synth.h:54	include/sound/emux_synth.h:117	include/sound/emux_synth.h:138
m	SND_SEQ_UMP	include/sound/asequencer.h:70
y	SND_SOC_AC97_BUS	include/sound/soc.h:529
y	SND_SOC_COMPRESS	include/sound/soc.h:467
y	SND_SOC_TOPOLOGY	include/sound/soc-topology.h:169	include/sound/soc.h:752	include/sound/soc.h:1155
y	SND_VERBOSE_PRINTK	include/sound/core.h:355
y	SND_VERBOSE_PROCFS	include/sound/compress_driver.h:159	include/sound/pcm.h:484	include/sound/pcm.h:506
y	SOCK_CGROUP_DATA	include/linux/cgroup-defs.h:778	include/linux/cgroup.h:827	include/linux/inet_diag.h:75
y	SOCK_RX_QUEUE_MAPPING	include/net/sock.h:227	include/net/sock.h:370	include/net/sock.h:2150
y	SOCK_VALIDATE_XMIT	include/net/sock.h:541	include/net/sock.h:2995	include/net/tls.h:369
y	SOC_AR5312	arch/mips/include/asm/mach-ath25/cpu-feature-overrides.h:27	arch/mips/include/asm/mach-ath25/cpu-feature-overrides.h:45
m	SOC_BRCMSTB	include/linux/soc/brcmstb/brcmstb.h:17
y	SOC_BUS	include/linux/sys_soc.h:40
y	SOC_FALCON	arch/mips/include/asm/mach-lantiq/falcon/lantiq_soc.h:10
y	SOC_IMX6Q	include/soc/imx/cpuidle.h:9
y	SOC_SAMA7	include/soc/at91/sama7-sfrbu.h:13
y	SOC_TEGRA_FLOWCTRL	include/soc/tegra/flowctrl.h:43
y	SOC_TEGRA_PMC	include/soc/tegra/pmc.h:155	include/soc/tegra/pmc.h:239
m	SOC_TEGRA_POWERGATE_BPMP	include/soc/tegra/bpmp.h:187
y	SOC_TYPE_XWAY	arch/mips/include/asm/mach-lantiq/xway/lantiq_soc.h:10
y	SOFTIRQ_ON_OWN_STACK	include/asm-generic/softirq_stack.h:5	arch/s390/include/asm/softirq_stack.h:8	arch/x86/include/asm/irq_stack.h:206
y	SOFTLOCKUP_DETECTOR	include/linux/nmi.h:42
m	SONY_LAPTOP	include/linux/sony-laptop.h:31
y	SPAPR_TCE_IOMMU	arch/powerpc/include/asm/book3s/64/mmu.h:126	arch/powerpc/include/asm/mmu_context.h:21
y	SPARC	include/linux/of.h:37	include/linux/of.h:48	include/linux/of.h:68
y	SPARC32	arch/sparc/include/asm/cache.h:16	arch/sparc/include/asm/cpu_type.h:18	arch/sparc/include/asm/current.h:21
m	SPARC64	arch/sparc/include/asm/dma-mapping.h:10
y	SPARC64	include/linux/mm.h:355	arch/sparc/include/asm/asm.h:9	arch/sparc/include/asm/current.h:17
y	SPARSEMEM	include/asm-generic/memory_model.h:28	include/linux/mm.h:224	include/linux/mm.h:1281
y	SPARSEMEM_EXTREME	include/linux/mmzone.h:1666	include/linux/mmzone.h:1676	include/linux/mmzone.h:1694
y	SPARSEMEM_VMEMMAP	include/asm-generic/memory_model.h:22	include/linux/mm.h:224	include/linux/mm.h:1281
y	SPARSE_IRQ	include/linux/irqdesc.h:97	include/linux/irqdesc.h:107	arch/arm/include/asm/irq.h:7
y	SPE	arch/powerpc/include/asm/cputable.h:225	arch/powerpc/include/asm/kvm_host.h:534	arch/powerpc/include/asm/processor.h:196
y	SPE_POSSIBLE	arch/powerpc/include/asm/kvm_asm.h:45
y	SPI	include/linux/spi/spi.h:1548	include/media/v4l2-common.h:273
m	SPI_MEM	include/linux/spi/spi-mem.h:326
m	SPI_SLAVE	include/linux/spi/spi.h:757	include/linux/spi/spi.h:762	include/linux/spi/spi.h:795
v	SPLIT_PTLOCK_CPUS	include/linux/mm_types_task.h:22
y	SPU_BASE	arch/powerpc/include/asm/elf.h:126
y	SRAM_EXEC	include/linux/sram.h:8
y	SRCU	include/linux/rcutiny.h:157	include/linux/srcu.h:50	include/linux/srcu.h:67
y	SSB_BLOCKIO	include/linux/ssb/ssb.h:214	include/linux/ssb/ssb.h:599
y	SSB_DEBUG	include/linux/ssb/ssb.h:626
y	SSB_DRIVER_EXTIF	include/linux/ssb/ssb_driver_extif.h:159
y	SSB_DRIVER_GIGE	include/linux/ssb/ssb_driver_gige.h:11
y	SSB_DRIVER_GPIO	include/linux/ssb/ssb.h:495
y	SSB_DRIVER_MIPS	include/linux/ssb/ssb_driver_mips.h:5
y	SSB_DRIVER_PCICORE	include/linux/ssb/ssb_driver_pci.h:10
y	SSB_EMBEDDED	include/linux/ssb/ssb.h:490	include/linux/ssb/ssb.h:677
y	SSB_PCIHOST	include/linux/ssb/ssb.h:529	include/linux/ssb/ssb.h:632
y	SSB_PCMCIAHOST	include/linux/ssb/ssb.h:533
y	SSB_SDIOHOST	include/linux/ssb/ssb.h:538
y	SSB_SERIAL	include/linux/ssb/ssb_driver_chipcommon.h:652	include/linux/ssb/ssb_driver_extif.h:186	include/linux/ssb/ssb_driver_extif.h:249
y	SSB_SFLASH	include/linux/ssb/ssb_driver_mips.h:24	include/linux/ssb/ssb_driver_mips.h:43
y	SSB_SPROM	include/linux/ssb/ssb.h:450
y	STACKDEPOT	include/linux/stackdepot.h:47
y	STACKLEAK_METRICS	include/linux/stackleak.h:74
y	STACKPROTECTOR	include/linux/sched.h:971	include/linux/stackprotector.h:9	arch/arm64/include/asm/stackprotector.h:30
m	STACKPROTECTOR_PER_TASK	arch/arm64/include/asm/stackprotector.h:39	arch/riscv/include/asm/stackprotector.h:27
y	STACKPROTECTOR_PER_TASK	arch/arm/include/asm/stackprotector.h:40
m	STACKTRACE	include/linux/livepatch.h:210
y	STACKTRACE	include/linux/stacktrace.h:65	include/linux/stacktrace.h:99	arch/powerpc/include/asm/eeh.h:90
m	STACKTRACE_BUILD_ID	include/linux/buildid.h:13
y	STACKTRACE_BUILD_ID	include/linux/module.h:374	include/linux/module.h:663
y	STACK_GROWSUP	include/linux/mm.h:405	include/linux/sched/signal.h:605	include/linux/sched/signal.h:652
y	STACK_TRACER	include/linux/ftrace.h:452
y	STE_DMA40	include/linux/platform_data/dma-ste-dma40.h:149
y	STRICT_KERNEL_RWX	include/linux/init.h:151	include/linux/init.h:154	arch/powerpc/include/asm/book3s/64/hash.h:141
m	STRICT_MODULE_RWX	arch/powerpc/include/asm/mmu.h:352
y	STRICT_MODULE_RWX	include/linux/init.h:151
y	SUN3	arch/m68k/include/asm/bug.h:8	arch/m68k/include/asm/dvma.h:35	arch/m68k/include/asm/elf.h:70
y	SUN3X	arch/m68k/include/asm/irq.h:16	arch/m68k/include/asm/openprom.h:91	arch/m68k/include/asm/setup.h:40
v	SUN3X_ONLY	arch/m68k/include/asm/setup.h:178
y	SUNRPC_BACKCHANNEL	include/linux/sunrpc/bc_xprt.h:20	include/linux/sunrpc/svc.h:89	include/linux/sunrpc/svc_rdma.h:218
m	SUNRPC_DEBUG	include/linux/lockd/debug.h:20	include/linux/sunrpc/clnt.h:74	include/linux/sunrpc/debug.h:17
y	SUNRPC_DISABLE_INSECURE_ENCTYPES	include/linux/sunrpc/gss_krb5_enctypes.h:13
m	SUNRPC_SWAP	include/linux/sunrpc/sched.h:291
y	SUPERH	include/linux/platform_device.h:366	include/linux/sh_intc.h:7
y	SUPERIO	arch/parisc/include/asm/dma.h:109	arch/parisc/include/asm/dma.h:119
y	SURFACE_AGGREGATOR_BUS	include/linux/surface_aggregator/device.h:194	include/linux/surface_aggregator/device.h:378
y	SUSPEND	include/linux/cpuidle.h:42	include/linux/fsl_devices.h:149	include/linux/platform_device.h:334
y	SWAP	include/linux/iomap.h:412	include/linux/mm_types.h:516	include/linux/mmzone.h:206
y	SWAP_IO_SPACE	arch/mips/include/asm/mach-generic/mangle-port.h:28	arch/sh/include/mach-common/mach/mangle-port.h:22
y	SWIOTLB	include/linux/device.h:630	include/linux/swiotlb.h:62	arch/mips/include/asm/bootinfo.h:146
y	SWIOTLB_XEN	arch/x86/include/asm/xen/swiotlb-xen.h:5
y	SYMBOLIC_ERRNAME	include/linux/errname.h:7
y	SYNC_R4K	arch/mips/include/asm/r4k-timer.h:13
m	SYN_COOKIES	include/linux/netfilter_ipv6.h:168	include/linux/netfilter_ipv6.h:184
y	SYN_COOKIES	include/net/tcp.h:504	include/net/tcp.h:2146	include/net/tcp.h:2169
m	SYSCTL	include/linux/netdevice.h:660	include/linux/netdevice.h:672
y	SYSCTL	include/linux/atalk.h:160	include/linux/coredump.h:49	include/linux/key.h:490
y	SYSFB	include/linux/sysfb.h:58
y	SYSFB_SIMPLEFB	include/linux/sysfb.h:88
y	SYSFS	include/linux/compaction.h:230	include/linux/module.h:268	include/linux/module.h:397
y	SYSFS_DEPRECATED	include/linux/device.h:1164
y	SYSTEM_BLACKLIST_KEYRING	include/keys/system_keyring.h:63
y	SYSTEM_DATA_VERIFICATION	include/linux/verification.h:43
y	SYSTEM_REVOCATION_LIST	include/keys/system_keyring.h:82
y	SYSTEM_TRUSTED_KEYRING	include/keys/system_keyring.h:20	include/keys/system_keyring.h:111
y	SYSVIPC	include/linux/ipc_namespace.h:86	include/linux/sched.h:1083	include/linux/sem.h:10
y	SYSVIPC_SYSCTL	include/linux/ipc_namespace.h:196
y	SYS_HAS_CPU_BMIPS32_3300	arch/mips/include/asm/cpu-type.h:164
y	SYS_HAS_CPU_BMIPS4350	arch/mips/include/asm/cpu-type.h:170	arch/mips/include/asm/mach-bcm63xx/cpu-feature-overrides.h:29
y	SYS_HAS_CPU_BMIPS4380	arch/mips/include/asm/cpu-type.h:174
y	SYS_HAS_CPU_BMIPS5000	arch/mips/include/asm/cpu-type.h:178
y	SYS_HAS_CPU_CAVIUM_OCTEON	arch/mips/include/asm/cpu-type.h:157
y	SYS_HAS_CPU_LOONGSON1B	arch/mips/include/asm/cpu-type.h:27
y	SYS_HAS_CPU_LOONGSON1C	arch/mips/include/asm/cpu-type.h:28
y	SYS_HAS_CPU_LOONGSON2E	arch/mips/include/asm/cpu-type.h:18
y	SYS_HAS_CPU_LOONGSON2F	arch/mips/include/asm/cpu-type.h:19
y	SYS_HAS_CPU_LOONGSON64	arch/mips/include/asm/cpu-type.h:23
y	SYS_HAS_CPU_MIPS32_R1	arch/mips/include/asm/cpu-type.h:32	arch/mips/include/asm/cpu-type.h:38	arch/mips/include/asm/cpu-type.h:165
y	SYS_HAS_CPU_MIPS32_R2	arch/mips/include/asm/cpu-type.h:39	arch/mips/include/asm/cpu-type.h:44	arch/mips/include/asm/cpu-type.h:62
y	SYS_HAS_CPU_MIPS32_R5	arch/mips/include/asm/cpu-type.h:57	arch/mips/include/asm/cpu-type.h:63
y	SYS_HAS_CPU_MIPS32_R6	arch/mips/include/asm/cpu-type.h:64	arch/mips/include/asm/cpu-type.h:87
y	SYS_HAS_CPU_MIPS64_R1	arch/mips/include/asm/cpu-type.h:71
y	SYS_HAS_CPU_MIPS64_R2	arch/mips/include/asm/cpu-type.h:65	arch/mips/include/asm/cpu-type.h:80
y	SYS_HAS_CPU_MIPS64_R5	arch/mips/include/asm/cpu-type.h:66
y	SYS_HAS_CPU_MIPS64_R6	arch/mips/include/asm/cpu-type.h:67	arch/mips/include/asm/cpu-type.h:91
y	SYS_HAS_CPU_NEVADA	arch/mips/include/asm/cpu-type.h:139
y	SYS_HAS_CPU_R10000	arch/mips/include/asm/cpu-type.h:143
y	SYS_HAS_CPU_R3000	arch/mips/include/asm/cpu-type.h:97
y	SYS_HAS_CPU_R4300	arch/mips/include/asm/cpu-type.h:108
y	SYS_HAS_CPU_R4X00	arch/mips/include/asm/cpu-type.h:113
y	SYS_HAS_CPU_R5000	arch/mips/include/asm/cpu-type.h:131
y	SYS_HAS_CPU_R5500	arch/mips/include/asm/cpu-type.h:135
y	SYS_HAS_CPU_RM7000	arch/mips/include/asm/cpu-type.h:149
y	SYS_HAS_CPU_SB1	arch/mips/include/asm/cpu-type.h:153
y	SYS_HAS_CPU_TX49XX	arch/mips/include/asm/cpu-type.h:127
y	SYS_SUPPORTS_MICROMIPS	arch/mips/include/asm/cpu-features.h:232	arch/mips/include/asm/mipsregs.h:1210
y	SYS_SUPPORTS_MIPS16	arch/mips/include/asm/mipsregs.h:1209
m	TAP	include/linux/if_tap.h:11
y	TASKSTATS	include/linux/sched/signal.h:219	include/linux/taskstats_kern.h:15	include/linux/tsacct_kern.h:13
y	TASKS_RCU	include/linux/rcupdate.h:182	include/linux/sched.h:845
y	TASKS_RCU_GENERIC	include/linux/rcupdate.h:119	include/linux/rcupdate.h:180
y	TASKS_RUDE_RCU	include/linux/rcupdate.h:226
y	TASKS_TRACE_RCU	include/linux/rcupdate.h:196	include/linux/rcupdate_trace.h:32	include/linux/sched.h:853
m	TASKS_TRACE_RCU_READ_MB	include/linux/rcupdate_trace.h:54
y	TASK_DELAY_ACCT	include/linux/delayacct.h:12	include/linux/delayacct.h:62	include/linux/sched.h:959
y	TASK_IO_ACCOUNTING	include/linux/task_io_accounting.h:24	include/linux/task_io_accounting_ops.h:10
y	TASK_SIZE	arch/powerpc/include/asm/task_size_32.h:5
v	TASK_SIZE	arch/powerpc/include/asm/task_size_32.h:9
y	TASK_XACCT	include/linux/sched/xacct.h:11	include/linux/sched.h:1210	include/linux/task_io_accounting.h:13
y	TC	include/linux/tc.h:121
m	TCG_TPM	include/linux/tpm.h:423
y	TCG_TPM	include/linux/tpm.h:423
y	TCP_MD5SIG	include/linux/tcp.h:437	include/linux/tcp.h:494	include/net/tcp.h:1739
y	TEGRA124_CLK_EMC	include/linux/clk/tegra.h:198
m	TEGRA_BPMP	include/soc/tegra/bpmp.h:109
y	TEGRA_HOST1X_CONTEXT_BUS	include/linux/host1x_context_bus.h:11
y	TEGRA_IOMMU_GART	include/soc/tegra/mc.h:116
y	TEGRA_IOMMU_SMMU	include/soc/tegra/mc.h:98
y	TEGRA_MC	include/soc/tegra/mc.h:244
y	THERMAL	include/asm-generic/vmlinux.lds.h:328	include/linux/power/charger-manager.h:224	include/linux/power_supply.h:304
y	THERMAL_OF	include/linux/thermal.h:299
y	THP_SWAP	include/linux/swap.h:632
y	THREAD_INFO_IN_TASK	include/linux/sched/task_stack.h:13	include/linux/sched/task_stack.h:66	include/linux/sched.h:738
y	THREAD_SHIFT	arch/powerpc/include/asm/thread_info.h:17
v	THREAD_SHIFT	arch/powerpc/include/asm/thread_info.h:18	arch/powerpc/include/asm/thread_info.h:20
y	THUMB2_KERNEL	arch/arm/include/asm/assembler.h:208	arch/arm/include/asm/assembler.h:429	arch/arm/include/asm/assembler.h:475
y	TICK_ONESHOT	include/linux/clockchips.h:210	include/linux/tick.h:40	include/linux/tick.h:49
y	TIMERFD	include/linux/hrtimer.h:353
v	TIMER_OF	include/asm-generic/vmlinux.lds.h:311
y	TIMER_PROBE	include/linux/clocksource.h:285
m	TIME_LOW_RES	include/linux/hrtimer.h:341
y	TIME_NS	include/linux/time_namespace.h:31	arch/arm64/include/asm/vdso/compat_gettimeofday.h:157	arch/arm64/include/asm/vdso/gettimeofday.h:108
m	TINY_RCU	include/linux/rcupdate_wait.h:51
y	TINY_RCU	include/linux/page_ref.h:268	include/linux/rcupdate.h:87	include/linux/rcupdate.h:309
y	TINY_SRCU	include/linux/srcu.h:46
m	TIPC	include/linux/netdevice.h:2186
m	TI_SCI_PROTOCOL	include/linux/soc/ti/ti_sci_protocol.h:575
y	TLB_PTLOCK	arch/parisc/include/asm/mmu_context.h:54
m	TLS	include/net/netns/mib.h:24
m	TLS_DEVICE	include/linux/netdevice.h:2131	include/net/tcp.h:2520
y	TLS_DEVICE	include/linux/skbuff.h:985	include/linux/skbuff.h:1616	include/linux/skbuff.h:1626
y	TLS_REG_EMUL	arch/arm/include/asm/tls.h:49
y	TMPFS	include/linux/mempolicy.h:168	include/linux/mempolicy.h:274
y	TOOLCHAIN_HAS_ZIHINTPAUSE	arch/riscv/include/asm/vdso/processor.h:24
y	TOSHIBA_RBTX4927	arch/mips/include/asm/txx9/boards.h:2
m	TRACEPOINTS	include/linux/sunrpc/sched.h:88	include/linux/sunrpc/sched.h:192	include/linux/sunrpc/sched.h:273
y	TRACEPOINTS	include/linux/module.h:466	include/linux/skbuff.h:1266	include/linux/tracepoint-defs.h:83
y	TRACE_BRANCH_PROFILING	include/asm-generic/vmlinux.lds.h:202	include/linux/compiler.h:15
m	TRACE_IRQFLAGS	arch/powerpc/include/asm/interrupt.h:170
y	TRACE_IRQFLAGS	include/linux/bottom_half.h:8	include/linux/irqflags.h:35	include/linux/irqflags.h:136
y	TRACE_IRQFLAGS_SUPPORT	include/linux/irqflags.h:258	include/linux/trace_events.h:180
m	TRACE_MMIO_ACCESS	include/asm-generic/io.h:74
y	TRACE_PREEMPT_TOGGLE	include/linux/ftrace.h:961	include/linux/preempt.h:194	include/trace/events/preemptirq.h:50
y	TRACING	include/asm-generic/vmlinux.lds.h:248	include/linux/ftrace.h:34	include/linux/ftrace.h:62
m	TRAD_SIGNALS	arch/mips/include/asm/signal.h:23
m	TRANSPARENT_HUGEPAGE	include/linux/mmzone.h:223	include/linux/pagemap.h:370
y	TRANSPARENT_HUGEPAGE	include/linux/huge_mm.h:108	include/linux/khugepaged.h:7	include/linux/memcontrol.h:324
y	TREE_RCU	include/linux/rcupdate.h:307	include/trace/events/rcu.h:44
y	TREE_SRCU	include/linux/module.h:470	include/linux/notifier.h:123	include/linux/srcu.h:48
y	TRIM_UNUSED_KSYMS	include/asm-generic/export.h:54	include/linux/export.h:109
m	TRUSTED_FOUNDATIONS	include/linux/firmware/trusted_foundations.h:42
y	TTY	include/linux/console.h:196	include/linux/tty.h:345	include/linux/tty.h:476
m	TUN	include/linux/if_tun.h:27
y	TUN	include/linux/if_tun.h:27
y	TWL4030_CORE	include/linux/mfd/twl.h:207	include/linux/mfd/twl.h:218
m	TYPEC	include/linux/usb/pd.h:498	include/linux/usb/typec_mux.h:61
m	UACCE	include/linux/uacce.h:124
y	UACCESS_MEMCPY	include/asm-generic/uaccess.h:13
y	UACCESS_WITH_MEMCPY	arch/arm/include/asm/uaccess.h:521
y	UBOOT	arch/m68k/include/asm/bootinfo.h:25
y	UBSAN	include/linux/sched.h:1178
y	UBSAN_ALIGNMENT	include/linux/seqlock.h:1295
y	UBSAN_TRAP	include/linux/sched.h:1178
v	UCLAMP_BUCKETS_COUNT	include/linux/sched.h:676
y	UCLAMP_TASK	include/linux/sched.h:674	include/linux/sched.h:803
y	UEVENT_HELPER	include/linux/kobject.h:35
y	UGETH_TX_ON_DEMAND	include/soc/fsl/qe/ucc_fast.h:182
y	UID16	include/linux/highuid.h:44
y	UML	arch/x86/include/asm/archrandom.h:58
y	UML_X86	arch/x86/include/asm/text-patching.h:142
y	UNCACHED_MAPPING	arch/sh/include/asm/page.h:147	arch/sh/include/asm/uncached.h:7
m	UNICODE	include/linux/fs.h:1508
y	UNINLINE_SPIN_UNLOCK	include/linux/spinlock_api_smp.h:70
m	UNIX	include/net/af_unix.h:11	include/net/net_namespace.h:127
y	UNIX	include/net/scm.h:24	include/net/scm.h:32
y	UNIX98_PTYS	include/linux/devpts_fs.h:15
y	UNMAP_KERNEL_AT_EL0	arch/arm64/include/asm/fixmap.h:64	arch/arm64/include/asm/vectors.h:58
y	UNWINDER_FRAME_POINTER	arch/arm/include/asm/stacktrace.h:24	arch/arm/include/asm/stacktrace.h:40	arch/x86/include/asm/unwind.h:27
y	UNWINDER_ORC	include/asm-generic/vmlinux.lds.h:865	arch/x86/include/asm/module.h:9	arch/x86/include/asm/unwind.h:23
y	UPROBES	include/linux/sched.h:1457	include/linux/uprobes.h:48	arch/sparc/include/asm/ttable.h:190
y	UPROBE_EVENTS	include/linux/trace_events.h:863
y	UP_LATE_INIT	include/linux/smp.h:216
m	USB	include/media/media-dev-allocator.h:22
m	USB_GADGET	include/linux/usb/gadget.h:250	include/linux/usb/gadget.h:638
y	USB_HCD_TEST_MODE	include/linux/usb/hcd.h:470
y	USB_HIDDEV	include/linux/hiddev.h:40
y	USB_LED_TRIG	include/linux/usb.h:2021
m	USB_MON	include/linux/usb/hcd.h:692	include/linux/usb.h:470
y	USB_MON	include/linux/usb/hcd.h:692	include/linux/usb.h:470
m	USB_MUSB_HDRC	include/linux/usb/musb.h:123
m	USB_OMAP	include/linux/omap-dma.h:309
m	USB_ONBOARD_HUB	include/linux/usb/onboard_hub.h:9
y	USB_OTG	include/linux/usb/gadget.h:629
y	USB_PCI	include/linux/usb/hcd.h:479
m	USB_PHY	include/linux/usb/phy.h:217
m	USB_ROLE_SWITCH	include/linux/usb/role.h:51
m	USB_RTL8152	include/linux/usb/r8152.h:37
y	USB_SERIAL_CONSOLE	include/linux/usb/serial.h:323	include/linux/usb/serial.h:360
m	USB_SUPPORT	include/linux/usb/of.h:60
m	USB_ULPI	include/linux/usb/ulpi.h:51
y	USB_ULPI_VIEWPORT	include/linux/usb/ulpi.h:73
y	USERFAULTFD	include/linux/hugetlb.h:171	include/linux/hugetlb.h:409	include/linux/mm_types.h:439
y	USER_NS	include/linux/cred.h:394	include/linux/projid.h:51	include/linux/seq_file.h:225
y	USER_RETURN_NOTIFIER	include/linux/user-return-notifier.h:5
y	USE_OF	arch/mips/include/asm/bootinfo.h:117	arch/mips/include/asm/bootinfo.h:158	arch/mips/include/asm/prom.h:10
y	USE_PERCPU_NUMA_NODE_ID	include/linux/topology.h:82
y	UTS_NS	include/linux/utsname.h:32
m	V4L2_FLASH_LED_CLASS	include/media/v4l2-flash-led-class.h:114
y	VALIDATE_FS_PARSER	include/linux/fs_parser.h:84
y	VDSO	arch/arm/include/asm/elf.h:144	arch/arm/include/asm/mmu.h:15	arch/arm/include/asm/vdso.h:11
y	VDSO32	arch/powerpc/include/asm/vdso.h:13
y	VFIO_PCI_ZDEV_KVM	include/linux/sched/user.h:27
m	VFIO_SPAPR_EEH	include/linux/vfio.h:236
y	VFP	arch/arm/include/asm/ucontext.h:58	arch/arm/include/asm/ucontext.h:87
y	VFPv3	arch/arm/include/asm/fpstate.h:24	arch/arm/include/asm/vfpmacros.h:38	arch/arm/include/asm/vfpmacros.h:63
y	VGA_ARB	include/linux/vgaarb.h:47
m	VGA_CONSOLE	include/linux/vt_buffer.h:19
y	VGA_CONSOLE	arch/powerpc/include/asm/vga.h:17
y	VGA_HOSE	arch/alpha/include/asm/vga.h:50
y	VGA_SWITCHEROO	include/linux/vga_switcheroo.h:150
m	VHOST_IOTLB	include/linux/vringh.h:18	include/linux/vringh.h:276
y	VIDEO_ADV_DEBUG	include/media/v4l2-ioctl.h:548	include/media/v4l2-subdev.h:205	include/media/videobuf2-core.h:290
m	VIDEO_RENESAS_FCP	include/media/rcar-fcp.h:15
y	VIDEO_V4L2_I2C	include/media/v4l2-common.h:137
y	VIDEO_V4L2_SUBDEV_API	include/media/v4l2-device.h:202	include/media/v4l2-device.h:221	include/media/v4l2-subdev.h:1024
m	VIDEO_VIA_CAMERA	include/linux/via-core.h:82	include/linux/via-core.h:139
y	VIDEO_VIA_CAMERA	include/linux/via-core.h:82	include/linux/via-core.h:139
y	VIRT	arch/m68k/include/asm/irq.h:16	arch/m68k/include/asm/pgtable_mm.h:83	arch/m68k/include/asm/pgtable_mm.h:98
y	VIRTIO_ANCHOR	include/linux/virtio_anchor.h:5
y	VIRTIO_HARDEN_NOTIFICATION	include/linux/virtio_config.h:274
y	VIRT_CPU_ACCOUNTING	include/linux/vtime.h:15
y	VIRT_CPU_ACCOUNTING_GEN	include/linux/kernel_stat.h:83	include/linux/sched/cputime.h:20	include/linux/sched.h:1028
y	VIRT_CPU_ACCOUNTING_NATIVE	include/linux/init_task.h:30	include/linux/kernel_stat.h:110	include/linux/sched/cputime.h:11
m	VLAN_8021Q	include/linux/if_vlan.h:139	include/linux/netdevice.h:2180
y	VLAN_8021Q	include/linux/if_vlan.h:139
y	VM86	arch/x86/include/asm/processor-flags.h:8	arch/x86/include/asm/processor.h:509	arch/x86/include/asm/thread_info.h:37
m	VMAP_STACK	arch/arm64/include/asm/vmap_stack.h:22
y	VMAP_STACK	include/linux/sched/task.h:182	include/linux/sched.h:1476	arch/arm/include/asm/mmu_context.h:141
y	VMCP	arch/s390/include/asm/setup.h:126
m	VMD	arch/x86/include/asm/pci.h:27	arch/x86/include/asm/pci.h:64
y	VME	arch/m68k/include/asm/irq.h:15	arch/m68k/include/asm/setup.h:206	arch/m68k/include/asm/virtconvert.h:38
m	VMGENID	include/linux/random.h:31
y	VMSPLIT_2G	arch/arm/include/asm/pgtable-3level-hwdef.h:87
y	VMSPLIT_3G	arch/arm/include/asm/pgtable-3level-hwdef.h:89
y	VM_EVENT_COUNTERS	include/linux/vmstat.h:43	include/linux/vmstat.h:527
y	VSX	arch/powerpc/include/asm/cputable.h:214	arch/powerpc/include/asm/emulated_ops.h:39	arch/powerpc/include/asm/processor.h:13
y	VSYSCALL	arch/sh/include/asm/elf.h:166	arch/sh/include/asm/processor.h:154	arch/sh/include/uapi/asm/auxvec.h:16
y	VT	include/linux/suspend.h:13
y	VT_CONSOLE	include/linux/vt.h:15
y	VT_CONSOLE_SLEEP	include/linux/pm.h:26	include/linux/suspend.h:21
m	VXLAN	include/net/vxlan.h:490
y	WAR_MIPS34K_MISSED_ITLB	arch/mips/include/asm/mipsregs.h:2761	arch/mips/include/asm/mipsregs.h:2783
m	WAR_R10000_LLSC	arch/mips/include/asm/futex.h:27	arch/mips/include/asm/futex.h:141
y	WAR_R10000_LLSC	arch/mips/include/asm/asm.h:337
y	WATCHDOG_NOWAYOUT	include/linux/watchdog.h:124
m	WATCHDOG_PRETIMEOUT_GOV	include/linux/watchdog.h:205
y	WATCH_QUEUE	include/linux/lsm_hook_defs.h:274	include/linux/pipe_fs_i.h:13	include/linux/pipe_fs_i.h:65
y	WEAK_ORDERING	arch/mips/include/asm/barrier.h:81	arch/mips/include/asm/sync.h:96
y	WEAK_REORDERING_BEYOND_LLSC	arch/mips/include/asm/barrier.h:97	arch/mips/include/asm/sync.h:107
y	WEXT_CORE	include/net/iw_handler.h:443	include/net/net_namespace.h:153	include/net/wext.h:9
y	WEXT_PRIV	include/net/iw_handler.h:334	include/net/wext.h:44
y	WEXT_PROC	include/net/wext.h:30
y	WILINK_PLATFORM_DATA	include/linux/wl12xx.h:22
y	WIRELESS_EXT	include/linux/netdevice.h:2115
y	WIZNET_BUS_SHIFT	include/linux/platform_data/wiznet.h:16
v	WIZNET_BUS_SHIFT	include/linux/platform_data/wiznet.h:17	include/linux/platform_data/wiznet.h:20	include/linux/platform_data/wiznet.h:21
y	WLAN	include/linux/netdevice.h:152
y	WQ_WATCHDOG	include/linux/workqueue.h:736
y	WWAN_DEBUGFS	include/linux/wwan.h:175
y	X2TLB	arch/sh/include/asm/page.h:75	arch/sh/include/asm/pgtable.h:12	arch/sh/include/asm/pgtable.h:123
m	X86	include/drm/drm_privacy_screen_machine.h:34	include/linux/platform_data/x86/soc.h:11
y	X86	include/acpi/acpi_bus.h:643	include/acpi/acpi_drivers.h:72	include/linux/acpi.h:273
m	X86_32	arch/x86/include/asm/elf.h:316	arch/x86/include/asm/ia32.h:87
y	X86_32	include/linux/efi.h:54	include/linux/isa-dma.h:8	include/xen/interface/io/blkif.h:197
y	X86_5LEVEL	arch/x86/include/asm/disabled-features.h:41	arch/x86/include/asm/page_64.h:68	arch/x86/include/asm/page_64_types.h:56
m	X86_64	arch/x86/include/asm/efi.h:194	arch/x86/include/asm/efi.h:199	arch/x86/include/asm/efi.h:387
y	X86_64	include/linux/efi.h:52	include/linux/falloc.h:36	include/linux/set_memory.h:45
y	X86_64_SMP	arch/x86/include/asm/percpu.h:19	arch/x86/include/asm/percpu.h:62
y	X86_ALIGNMENT_16	arch/x86/include/asm/linkage.h:25
m	X86_ANDROID_TABLETS	include/acpi/acpi_bus.h:658
y	X86_CHECK_BIOS_CORRUPTION	arch/x86/include/asm/bios_ebda.h:23
y	X86_CMOV	arch/x86/include/asm/bitops.h:322	arch/x86/include/asm/bitops.h:376	arch/x86/include/asm/required-features.h:32
y	X86_CMPXCHG64	arch/x86/include/asm/asm-prototypes.h:17	arch/x86/include/asm/atomic64_32.h:25	arch/x86/include/asm/cmpxchg_32.h:38
y	X86_CPU_RESCTRL	include/linux/sched.h:1232	arch/x86/include/asm/resctrl.h:5
y	X86_DEBUGCTLMSR	arch/x86/include/asm/processor.h:684	arch/x86/include/asm/processor.h:695	arch/x86/include/asm/ptrace.h:374
y	X86_DEBUG_FPU	arch/x86/include/asm/fpu/api.h:85
y	X86_ESPFIX64	include/linux/pgtable.h:1592	arch/x86/include/asm/espfix.h:5
y	X86_F00F_BUG	arch/x86/include/asm/traps.h:23
y	X86_FEATURE_NAMES	arch/x86/include/asm/cpufeature.h:43
y	X86_HV_CALLBACK_VECTOR	arch/x86/include/asm/hardirq.h:40
y	X86_INTEL_CE	arch/x86/include/asm/setup.h:63
y	X86_INTEL_MEMORY_PROTECTION_KEYS	arch/x86/include/asm/disabled-features.h:33	arch/x86/include/asm/mmu.h:52	arch/x86/include/asm/mmu_context.h:111
y	X86_INTEL_MID	arch/x86/include/asm/intel-mid.h:23	arch/x86/include/asm/setup.h:57
y	X86_INTEL_USERCOPY	arch/x86/include/asm/uaccess.h:527
v	X86_INTERNODE_CACHE_SHIFT	arch/x86/include/asm/cache.h:13
y	X86_IOPL_IOPERM	arch/x86/include/asm/io_bitmap.h:18	arch/x86/include/asm/paravirt.h:323	arch/x86/include/asm/paravirt_types.h:112
y	X86_IO_APIC	include/linux/acpi.h:372	arch/x86/include/asm/fixmap.h:97	arch/x86/include/asm/io_apic.h:96
y	X86_KERNEL_IBT	arch/x86/include/asm/ibt.h:20	arch/x86/include/asm/idtentry.h:663
v	X86_L1_CACHE_SHIFT	arch/x86/include/asm/cache.h:8
y	X86_LOCAL_APIC	arch/x86/include/asm/apic.h:43	arch/x86/include/asm/apic.h:51	arch/x86/include/asm/apic.h:385
y	X86_MCE	include/linux/sched.h:1506	arch/x86/include/asm/extable.h:44	arch/x86/include/asm/idtentry.h:614
y	X86_MCE_AMD	arch/x86/include/asm/hardirq.h:37	arch/x86/include/asm/idtentry.h:715	arch/x86/include/asm/mce.h:293
y	X86_MCE_INTEL	arch/x86/include/asm/mce.h:226
y	X86_MCE_THRESHOLD	arch/x86/include/asm/hardirq.h:34	arch/x86/include/asm/idtentry.h:709	arch/x86/include/asm/trace/irq_vectors.h:102
y	X86_MEM_ENCRYPT	arch/x86/include/asm/mem_encrypt.h:21
y	X86_MPPARSE	arch/x86/include/asm/mpspec.h:67
y	X86_P6_NOP	arch/x86/include/asm/required-features.h:40
y	X86_PAE	include/trace/events/xen.h:173	arch/x86/include/asm/kexec.h:140	arch/x86/include/asm/page_32_types.h:29
y	X86_PAT	arch/x86/include/asm/io.h:345
y	X86_PM_TIMER	include/linux/acpi_pmtmr.h:16
y	X86_SGX	arch/x86/include/asm/disabled-features.h:78	arch/x86/include/asm/processor.h:863
y	X86_SGX_KVM	arch/x86/include/asm/sgx.h:394
y	X86_THERMAL_VECTOR	arch/x86/include/asm/hardirq.h:31	arch/x86/include/asm/idtentry.h:721	arch/x86/include/asm/thermal.h:5
m	X86_TSC	arch/x86/include/asm/timex.h:10	arch/x86/include/asm/tsc.h:23
y	X86_TSC	arch/x86/include/asm/trace_clock.h:8	arch/x86/include/asm/tsc.h:45	arch/x86/include/asm/tsc.h:55
y	X86_UMIP	arch/x86/include/asm/disabled-features.h:13	arch/x86/include/asm/umip.h:7
y	X86_UV	arch/x86/include/asm/uv/uv.h:7
y	X86_VMX_FEATURE_NAMES	arch/x86/include/asm/processor.h:90
y	X86_VSMP	arch/x86/include/asm/cache.h:16	arch/x86/include/asm/processor.h:54
y	X86_VSYSCALL_EMULATION	arch/x86/include/asm/fixmap.h:85	arch/x86/include/asm/page_64.h:103	arch/x86/include/asm/vsyscall.h:9
y	X86_X2APIC	arch/x86/include/asm/apic.h:199
m	X86_X32_ABI	arch/x86/include/asm/elf.h:156
y	X86_X32_ABI	include/linux/compat.h:203	arch/x86/include/asm/compat.h:78	arch/x86/include/asm/compat.h:85
y	X86_X32_DISABLED	arch/x86/include/asm/syscall.h:33
m	XARRAY_MULTI	include/linux/xarray.h:1265	include/linux/xarray.h:1581
y	XARRAY_MULTI	include/linux/xarray.h:1531	include/linux/xarray.h:1635
y	XDP_SOCKETS	include/linux/bpf_types.h:113	include/linux/netdevice.h:630	include/linux/netdevice.h:787
m	XEN	include/xen/platform_pci.h:58	include/xen/platform_pci.h:62	include/xen/platform_pci.h:66
y	XEN	include/xen/arm/hypervisor.h:22	include/xen/arm/xen-ops.h:10	include/xen/xen.h:11
y	XEN_AUTO_XLATE	include/xen/xen-ops.h:63
y	XEN_BALLOON	include/xen/balloon.h:32	include/xen/xen.h:51
m	XEN_BLKDEV_FRONTEND	include/xen/platform_pci.h:42
y	XEN_BLKDEV_FRONTEND	include/xen/platform_pci.h:41
y	XEN_DOM0	include/linux/usb/ehci-dbgp.h:53	include/xen/acpi.h:38	include/xen/pci.h:6
y	XEN_GRANT_DMA_ALLOC	include/xen/grant_table.h:234
y	XEN_GRANT_DMA_OPS	include/xen/xen-ops.h:218
y	XEN_HAVE_PVMMU	include/xen/mem-reservation.h:28	include/xen/mem-reservation.h:41	include/xen/mem-reservation.h:50
m	XEN_NETDEV_FRONTEND	include/xen/platform_pci.h:32
y	XEN_NETDEV_FRONTEND	include/xen/platform_pci.h:31
y	XEN_PV	include/xen/xen-ops.h:46	include/xen/xen-ops.h:197	arch/x86/include/asm/idtentry.h:620
y	XEN_PVH	include/xen/xen.h:17
y	XEN_PVHVM	include/xen/platform_pci.h:33	include/xen/platform_pci.h:43	include/xen/platform_pci.h:50
y	XEN_PV_DOM0	arch/x86/include/asm/xen/hypervisor.h:48	arch/x86/include/asm/xen/pci.h:17
y	XEN_UNPOPULATED_ALLOC	include/xen/grant_table.h:219	include/xen/xen.h:55
m	XFRM	include/net/ipv6_stubs.h:60
y	XFRM	include/linux/skbuff.h:4707	include/linux/skbuff.h:4884	include/linux/skbuff.h:4942
y	XFRM_MIGRATE	include/net/xfrm.h:1707	include/net/xfrm.h:1825
y	XFRM_OFFLOAD	include/linux/netdevice.h:1042	include/linux/netdevice.h:2127	include/linux/netdevice.h:3174
y	XFRM_STATISTICS	include/net/netns/mib.h:21	include/net/xfrm.h:31	include/net/xfrm.h:52
y	XFRM_SUB_POLICY	include/net/xfrm.h:1560
m	XFRM_USER_COMPAT	include/net/xfrm.h:2071
m	XIP_KERNEL	arch/riscv/include/asm/page.h:129	arch/riscv/include/asm/page.h:138
y	XIP_KERNEL	include/linux/mtd/xip.h:30	arch/arm/include/asm/memory.h:129	arch/riscv/include/asm/page.h:110
v	XIP_PHYS_ADDR	arch/riscv/include/asm/pgtable.h:128	arch/riscv/include/asm/pgtable.h:129	arch/riscv/include/asm/pgtable.h:130
m	XLNX_EVENT_MANAGER	include/linux/firmware/xlnx-event-manager.h:14
y	XMON	arch/powerpc/include/asm/xmon.h:13	arch/powerpc/include/asm/xmon.h:24
m	XPA	arch/mips/include/asm/pgtable.h:139	arch/mips/include/asm/pgtable.h:152	arch/mips/include/asm/pgtable.h:288
y	XPA	arch/mips/include/asm/maar.h:59	arch/mips/include/asm/maar.h:70	arch/mips/include/asm/mipsregs.h:793
y	XPS	include/linux/netdevice.h:618	include/linux/netdevice.h:681	include/linux/netdevice.h:690
m	ZCRYPT	arch/s390/include/asm/ap.h:441
y	ZERO_CALL_USED_REGS	arch/x86/include/asm/paravirt_types.h:424
y	ZONE_DEVICE	include/linux/gfp.h:90	include/linux/memremap.h:189	include/linux/mm.h:1108
m	ZONE_DMA	include/linux/slab.h:368	include/linux/slab.h:387	arch/arm64/include/asm/memory.h:369
y	ZONE_DMA	include/linux/gfp.h:45	include/linux/mmzone.h:620	include/linux/mmzone.h:1363
m	ZONE_DMA32	arch/arm64/include/asm/memory.h:369
y	ZONE_DMA32	include/linux/gfp.h:51	include/linux/mmzone.h:623	include/linux/vm_event_item.h:11
m	ZSMALLOC	include/linux/mmzone.h:151
y	ZSWAP	include/linux/memcontrol.h:227	include/linux/memcontrol.h:1856	include/linux/swap.h:661
m	ZYNQMP_FIRMWARE	include/linux/firmware/xlnx-zynqmp.h:446
m	k	arch/riscv/include/asm/alternative-macros.h:48	arch/riscv/include/asm/alternative-macros.h:113
v	k	arch/riscv/include/asm/alternative-macros.h:47	arch/riscv/include/asm/alternative-macros.h:112	arch/riscv/include/asm/alternative-macros.h:147
m	k_1	arch/riscv/include/asm/alternative-macros.h:68	arch/riscv/include/asm/alternative-macros.h:134
v	k_1	arch/riscv/include/asm/alternative-macros.h:64	arch/riscv/include/asm/alternative-macros.h:130	arch/riscv/include/asm/alternative-macros.h:151
m	k_2	arch/riscv/include/asm/alternative-macros.h:70	arch/riscv/include/asm/alternative-macros.h:136
v	k_2	arch/riscv/include/asm/alternative-macros.h:66	arch/riscv/include/asm/alternative-macros.h:132	arch/riscv/include/asm/alternative-macros.h:153
"""#
}
